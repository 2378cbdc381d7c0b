package io.falconeye.recorder.segments;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the recorder knows about one segment file.
 *
 * @param state {@code started} (being written, or left by a killed process) or {@code finished}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SegmentRecord(String fileName, String recordingId, String state, String startTime, String endTime,
        Long sizeBytes, Double durationSeconds) {

    public static final String STARTED = "started";
    public static final String FINISHED = "finished";

    public boolean finished() {
        return FINISHED.equals(state);
    }
}
