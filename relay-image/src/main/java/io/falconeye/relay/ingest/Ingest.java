package io.falconeye.relay.ingest;

import io.falconeye.relay.frames.FrameSink;
import java.io.IOException;

/** One connection to the camera that hands complete JPEGs to a sink until it fails. */
public interface Ingest {

    /** Blocks while frames arrive; ends by throwing, with a message safe to log. */
    void run(FrameSink sink) throws IOException;

    /** Stops a running ingest from another thread. */
    void abort();

    /** The helper process's id, or -1 when the ingest runs inside the JVM. */
    long pid();
}
