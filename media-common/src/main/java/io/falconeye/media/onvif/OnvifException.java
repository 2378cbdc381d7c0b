package io.falconeye.media.onvif;

/**
 * Resolving an ONVIF camera failed. The message is meant for users and logs: it names the
 * camera and the step, and never contains a password.
 */
public final class OnvifException extends RuntimeException {

    /** What went wrong, so callers can react (e.g. not retry fast on bad credentials). */
    public enum Reason {
        /** No connection or no answer in time. */
        UNREACHABLE,
        /** The camera rejected the username/password. */
        NOT_AUTHORIZED,
        /** The requested media profile does not exist. */
        PROFILE_NOT_FOUND,
        /** The camera answered something that is not the ONVIF answer expected. */
        PROTOCOL
    }

    private final Reason reason;

    public OnvifException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public OnvifException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
