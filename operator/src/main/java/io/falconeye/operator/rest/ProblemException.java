package io.falconeye.operator.rest;

/** Ends a request with a problem response; thrown by resources for every client error. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String field;

    public ProblemException(int status, String detail, String field) {
        super(detail, null, false, false);
        this.status = status;
        this.field = field;
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

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }
}
