package io.falconeye.recorder.muxer;

import java.nio.file.Path;
import java.time.Instant;

/** What the running muxer reports; called from its reader threads. */
public interface MuxerListener {

    /** ffmpeg opened a new segment file (the source delivers). */
    void segmentStarted(Path file, Instant at);

    /**
     * ffmpeg closed a segment.
     *
     * @param streamStart segment start in stream seconds
     * @param streamEnd segment end in stream seconds (the next segment's start)
     */
    void segmentFinished(Path file, double streamStart, double streamEnd);
}
