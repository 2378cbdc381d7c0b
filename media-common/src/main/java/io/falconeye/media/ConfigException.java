package io.falconeye.media;

/** A missing or malformed configuration value; the message names the environment variable. */
public final class ConfigException extends RuntimeException {

    private final String variable;

    public ConfigException(String variable, String message) {
        super(message);
        this.variable = variable;
    }

    /** The environment variable at fault. */
    public String variable() {
        return variable;
    }
}
