package io.falconeye.relay.ingest;

import java.util.List;

/**
 * One ffmpeg invocation that writes the camera's pictures to stdout as multipart JPEG.
 *
 * @param args        ffmpeg's arguments; they may hold the camera's credentials, so never log them
 * @param passthrough true when the source's JPEGs are copied without decoding
 * @param overlayText drawtext's text file content, or null without overlay
 */
public record IngestPlan(List<String> args, boolean passthrough, String overlayText) {

    /** The boundary ffmpeg's mpjpeg muxer writes between parts. */
    public static final String BOUNDARY = "ffmpeg";

    @Override
    public String toString() {
        return "IngestPlan[" + (passthrough ? "passthrough" : "transcode") + "]";
    }
}
