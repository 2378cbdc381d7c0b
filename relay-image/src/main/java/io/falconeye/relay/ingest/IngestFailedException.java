package io.falconeye.relay.ingest;

import java.io.IOException;
import java.time.Duration;

/** The source could not be read; the message is safe to log (no credentials). */
public final class IngestFailedException extends IOException {

    private final Duration minRetryDelay;

    public IngestFailedException(String message) {
        this(message, Duration.ZERO);
    }

    /** @param minRetryDelay wait at least this long before the next attempt (e.g. rejected credentials) */
    public IngestFailedException(String message, Duration minRetryDelay) {
        super(message);
        this.minRetryDelay = minRetryDelay;
    }

    public Duration minRetryDelay() {
        return minRetryDelay;
    }
}
