package io.falconeye.operator.rest;

/** Ends a request with a problem response; thrown by resources for every client error. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String field;
    private final Integer retryAfterSeconds;

    public ProblemException(int status, String detail, String field) {
        this(status, detail, field, null);
    }

    private ProblemException(int status, String detail, String field, Integer retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.field = field;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ProblemException badField(String field, String why) {
        return new ProblemException(400, field + ": " + why, field);
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, what + " not found", null);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, detail, null);
    }

    public static ProblemException unavailable(String detail) {
        return new ProblemException(503, detail, null);
    }

    /** 503 with Retry-After: the thing asked for is on its way, ask again in {@code seconds}. */
    public static ProblemException notYet(String detail, int seconds) {
        return new ProblemException(503, detail, null, seconds);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }

    /** Seconds for the Retry-After header, or null for none. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
