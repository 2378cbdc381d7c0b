package io.falconeye.recorder.session;

/** A request the recorder cannot honour in its current state; maps to an HTTP status. */
public final class RecorderException extends RuntimeException {

    private final int status;
    private final String title;

    public RecorderException(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
