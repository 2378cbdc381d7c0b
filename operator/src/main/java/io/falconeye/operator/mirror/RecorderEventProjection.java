package io.falconeye.operator.mirror;

import io.falconeye.operator.db.RecordingFileRow;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** Recorder event -> recordings row, with the checks an input from the network needs; pure. */
public final class RecorderEventProjection {

    private static final Set<String> EVENTS = Set.of(RecorderEvent.FILE_STARTED, RecorderEvent.FILE_COMPLETED,
            RecorderEvent.FILE_FAILED, RecorderEvent.FILE_DELETED);
    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9-]{0,63}$");
    private static final Pattern FILE_NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,200}\\.mp4$");

    private RecorderEventProjection() {
    }

    /** Why the event cannot be applied, naming the field; null when it is fine. */
    public static Invalid check(RecorderEvent event, String recordingsMount) {
        if (event == null) {
            return new Invalid("body", "a JSON object is required");
        }
        if (event.event() == null || !EVENTS.contains(event.event())) {
            return new Invalid("event", "must be one of " + EVENTS);
        }
        if (event.cameraId() == null || !ID.matcher(event.cameraId()).matches()) {
            return new Invalid("camera_id", "must be the camera's uid");
        }
        if (event.recordingId() != null && !ID.matcher(event.recordingId()).matches()) {
            return new Invalid("recording_id", "must be a Recording's uid");
        }
        if (event.filePath() == null || relativePath(event.filePath(), recordingsMount) == null) {
            return new Invalid("file_path", "must be " + recordingsMount + "/{camera_id}/{name}.mp4");
        }
        if (!relativePath(event.filePath(), recordingsMount).startsWith(event.cameraId() + "/")) {
            return new Invalid("file_path", "must be in the folder of camera_id");
        }
        for (String[] time : new String[][] {{"start_time", event.startTime()}, {"end_time", event.endTime()}}) {
            if (time[1] != null && parse(time[1]) == null) {
                return new Invalid(time[0], "must be an RFC 3339 time, e.g. 2026-01-31T12:00:00Z");
            }
        }
        if (event.fileSizeBytes() != null && event.fileSizeBytes() < 0) {
            return new Invalid("file_size_bytes", "must not be negative");
        }
        if (event.durationSeconds() != null && (event.durationSeconds() < 0 || event.durationSeconds().isNaN())) {
            return new Invalid("duration_seconds", "must not be negative");
        }
        return null;
    }

    public record Invalid(String field, String reason) {
    }

    public static RecordingFileRow row(RecorderEvent event, String recordingsMount) {
        String relative = relativePath(event.filePath(), recordingsMount);
        String status = switch (event.event()) {
            case RecorderEvent.FILE_STARTED -> "recording";
            case RecorderEvent.FILE_FAILED -> "failed";
            default -> "completed";
        };
        return new RecordingFileRow(fileId(event.filePath()), event.filePath(),
                relative.substring(relative.lastIndexOf('/') + 1), event.cameraId(), event.cameraName(),
                event.recordingId(), event.nodeName(), parse(event.startTime()), parse(event.endTime()),
                event.durationSeconds(), event.fileSizeBytes(), status, event.errorMessage(), false);
    }

    /** The row id of a file: a name-based UUID of its path, so the same file always gets the same id. */
    public static String fileId(String filePath) {
        return UUID.nameUUIDFromBytes(filePath.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * {@code {camera_id}/{name}.mp4} when {@code filePath} is exactly {@code mount/{camera_id}/{name}.mp4}
     * (no other segments, no dot segments), else null. It is also the file's path on the file servers.
     */
    public static String relativePath(String filePath, String recordingsMount) {
        String prefix = recordingsMount.endsWith("/") ? recordingsMount : recordingsMount + "/";
        if (!filePath.startsWith(prefix)) {
            return null;
        }
        String[] parts = filePath.substring(prefix.length()).split("/", -1);
        if (parts.length != 2 || !ID.matcher(parts[0]).matches() || !FILE_NAME.matcher(parts[1]).matches()) {
            return null;
        }
        return parts[0] + "/" + parts[1];
    }

    private static OffsetDateTime parse(String time) {
        if (time == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(time);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
