package io.falconeye.recorder.muxer;

/** The source could not be read; the message is safe to report (no credentials). */
public final class SourceFailure extends RuntimeException {
    public SourceFailure(String message) {
        super(message);
    }
}
