package io.falconeye.operator.mirror;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a recorder reports about one file (POST /api/internal/recorder-events). Events may repeat
 * and arrive late (the recorder's journal retries until it gets a 2xx): applying one twice, or an
 * older one after a newer one, leaves the same row.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RecorderEvent(
        @JsonProperty("event") String event,
        @JsonProperty("camera_id") String cameraId,
        @JsonProperty("camera_name") String cameraName,
        @JsonProperty("recording_id") String recordingId,
        @JsonProperty("file_path") String filePath,
        @JsonProperty("node_name") String nodeName,
        @JsonProperty("start_time") String startTime,
        @JsonProperty("end_time") String endTime,
        @JsonProperty("duration_seconds") Double durationSeconds,
        @JsonProperty("file_size_bytes") Long fileSizeBytes,
        @JsonProperty("error_message") String errorMessage) {

    public static final String FILE_STARTED = "file_started";
    public static final String FILE_COMPLETED = "file_completed";
    public static final String FILE_FAILED = "file_failed";
    public static final String FILE_DELETED = "file_deleted";
}
