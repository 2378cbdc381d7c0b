package io.falconeye.operator.rest;

import io.falconeye.operator.config.ApiConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;

/**
 * Refuses request bodies larger than falcon-eye.api.max-body-bytes with a 413 problem. A declared
 * Content-Length is judged before anything is read; a body without one (chunked) is read up to the
 * limit, and the API's resources then take the bytes already read.
 */
@ApplicationScoped
public class BodyLimit {

    /** Before Quarkus' own upload limit (order -2), whose 413 has no problem document. */
    private static final int ORDER = -10;
    private static final Set<HttpMethod> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);

    private final long max;
    private final BodyHandler chunked;

    public BodyLimit(ApiConfig api) {
        this.max = api.maxBodyBytes();
        this.chunked = BodyHandler.create(false).setBodyLimit(max);
    }

    void routes(@Observes Router router) {
        router.route("/api/*").order(ORDER).handler(this::limit).failureHandler(ctx -> {
            if (ctx.statusCode() == 413 && !ctx.response().headWritten()) {
                tooLarge(ctx);
            } else {
                ctx.next();
            }
        });
    }

    private void limit(RoutingContext ctx) {
        if (!WITH_BODY.contains(ctx.request().method())) {
            ctx.next();
            return;
        }
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                UpstreamProxy.problem(ctx, 400, "Content-Length: must be a number", "Content-Length");
                return;
            }
            if (declared > max) {
                tooLarge(ctx);
                return;
            }
            ctx.next();
            return;
        }
        if (ctx.request().getHeader(HttpHeaders.TRANSFER_ENCODING) == null) {
            ctx.next();
            return;
        }
        chunked.handle(ctx);
    }

    private void tooLarge(RoutingContext ctx) {
        // the rest of the body is not read: close the connection once the answer is out
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        UpstreamProxy.problem(ctx, 413, "body: the request body is larger than " + max + " bytes", "body");
    }
}
