package io.falconeye.relay.frames;

/** Receives each complete JPEG an ingest reads. */
@FunctionalInterface
public interface FrameSink {
    void accept(byte[] jpeg);
}
