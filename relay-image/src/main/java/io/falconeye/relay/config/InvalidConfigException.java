package io.falconeye.relay.config;

/** The relay's environment is unusable; the message is one line meant for the operator's logs. */
public final class InvalidConfigException extends RuntimeException {
    public InvalidConfigException(String message) {
        super(message);
    }
}
