package io.falconeye.operator.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves as application/problem+json, never with a stack trace. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        Response response = response(e.status(), e.getMessage(), e.field());
        if (e.retryAfterSeconds() != null) {
            response.getHeaders().putSingle("Retry-After", String.valueOf(e.retryAfterSeconds()));
        }
        return response;
    }

    /** More specific than Quarkus' own mapper of this type, so that it wins. */
    @ServerExceptionMapper
    public Response mismatch(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        return json((JsonMappingException) e);
    }

    @ServerExceptionMapper
    public Response json(JsonMappingException e) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        String why = e.getOriginalMessage() == null ? "invalid value" : e.getOriginalMessage();
        // Jackson's own wording names Java types; keep the first sentence and drop class names.
        why = why.replaceAll("`[a-zA-Z0-9_.$]+\\.([A-Za-z0-9_$]+)`", "$1").split("\n")[0];
        if (why.length() > 200) {
            why = why.substring(0, 200);
        }
        return field.isEmpty() ? response(400, "the body is not valid: " + why, null)
                : response(400, field + ": " + why, field);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return response(400, "the body is not valid JSON", "body");
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String detail = switch (status) {
            case 404 -> "no such resource";
            case 405 -> "method not allowed here";
            case 406 -> "cannot produce the requested media type";
            case 413 -> "the request body is too large";
            case 415 -> "unsupported media type: send application/json";
            default -> status >= 500 ? "internal error" : (e.getMessage() == null ? "bad request" : e.getMessage());
        };
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        return response(status, detail, null);
    }

    /** The API server's verdicts (CRD schema and CEL validation, conflicts) passed on in its words. */
    @ServerExceptionMapper
    public Response kubernetes(KubernetesClientException e) {
        int code = e.getCode();
        Status status = e.getStatus();
        if (code == 409) {
            return response(409, "conflict: " + (status == null ? "the resource changed" : status.getMessage()), null);
        }
        if (code == 422 || code == 400) {
            StatusCause cause = status == null || status.getDetails() == null || status.getDetails().getCauses() == null
                    || status.getDetails().getCauses().isEmpty() ? null : status.getDetails().getCauses().get(0);
            String field = cause == null ? null : cause.getField();
            String detail = cause == null ? (status == null ? "invalid" : status.getMessage())
                    : (field == null ? "" : field + ": ") + cause.getMessage();
            return response(400, detail, field);
        }
        if (code == 404) {
            return response(404, "not found", null);
        }
        LOG.errorf("Kubernetes API call failed (HTTP %d): %s", code, e.getMessage());
        return response(502, "the Kubernetes API server did not answer as expected", null);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        LOG.error("request failed", e);
        return response(500, "internal error", null);
    }

    static Response response(int status, String detail, String field) {
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        return Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, field)).build();
    }
}
