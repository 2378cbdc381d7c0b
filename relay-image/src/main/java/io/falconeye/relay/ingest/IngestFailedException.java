package io.falconeye.relay.ingest;

import java.io.IOException;

/** The source could not be read; the message is safe to log (no credentials). */
public final class IngestFailedException extends IOException {
    public IngestFailedException(String message) {
        super(message);
    }
}
