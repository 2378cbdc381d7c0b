package io.falconeye.operator.rest;

import io.falconeye.operator.config.ApiConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Refuses request bodies larger than falcon-eye.api.max-body-bytes with a problem, before reading them. */
public class BodyLimitFilter {

    private final ApiConfig api;

    public BodyLimitFilter(ApiConfig api) {
        this.api = api;
    }

    @ServerRequestFilter(preMatching = true)
    public Response limit(ContainerRequestContext request) {
        int length = request.getLength();
        if (length > api.maxBodyBytes()) {
            return ProblemMappers.response(413, "the request body is larger than " + api.maxBodyBytes() + " bytes",
                    "body");
        }
        return null;
    }
}
