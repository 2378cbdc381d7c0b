package io.falconeye.operator.mirror;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a recorder reports (POST /api/internal/recorder-events), in the recorder's format
 * (recorder-image README). Events may repeat (the recorder's journal retries until it gets a 2xx):
 * applying one twice leaves the same row.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RecorderEvent(
        @JsonProperty("event_id") String eventId,
        @JsonProperty("sequence") Long sequence,
        @JsonProperty("type") String type,
        @JsonProperty("camera_id") String cameraId,
        @JsonProperty("camera_name") String cameraName,
        @JsonProperty("node_name") String nodeName,
        @JsonProperty("recording_id") String recordingId,
        @JsonProperty("file_path") String filePath,
        @JsonProperty("file_name") String fileName,
        @JsonProperty("size_bytes") Long sizeBytes,
        @JsonProperty("duration_seconds") Double durationSeconds,
        @JsonProperty("start_time") String startTime,
        @JsonProperty("end_time") String endTime,
        @JsonProperty("reason") String reason,
        @JsonProperty("occurred_at") String occurredAt) {

    public static final String RECORDING_STARTED = "recording_started";
    public static final String RECORDING_STOPPED = "recording_stopped";
    public static final String SEGMENT_STARTED = "segment_started";
    public static final String SEGMENT_FINISHED = "segment_finished";
    public static final String SEGMENT_RECOVERED = "segment_recovered";
    public static final String GAP = "gap";
    public static final String FAILURE = "failure";
    public static final String FILE_DELETED = "file_deleted";
}
