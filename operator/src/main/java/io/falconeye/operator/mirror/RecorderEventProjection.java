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

    private static final Set<String> EVENTS = Set.of(RecorderEvent.RECORDING_STARTED, RecorderEvent.RECORDING_STOPPED,
            RecorderEvent.SEGMENT_STARTED, RecorderEvent.SEGMENT_FINISHED, RecorderEvent.SEGMENT_RECOVERED,
            RecorderEvent.GAP, RecorderEvent.FAILURE, RecorderEvent.FILE_DELETED);
    /** Events about one file; the others concern the session, which the Recording resource tells. */
    private static final Set<String> FILE_EVENTS = Set.of(RecorderEvent.SEGMENT_STARTED, RecorderEvent.SEGMENT_FINISHED,
            RecorderEvent.SEGMENT_RECOVERED, RecorderEvent.FILE_DELETED);
    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9-]{0,63}$");
    private static final Pattern FILE_NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,200}\\.mp4$");

    private RecorderEventProjection() {
    }

    /** Why the event cannot be applied, naming the field; null when it is fine. */
    public static Invalid check(RecorderEvent event, String recordingsMount) {
        if (event == null) {
            return new Invalid("body", "a JSON object is required");
        }
        if (event.type() == null || !EVENTS.contains(event.type())) {
            return new Invalid("type", "must be one of " + EVENTS);
        }
        if (event.cameraId() == null || !ID.matcher(event.cameraId()).matches()) {
            return new Invalid("camera_id", "must be the camera's uid");
        }
        if (event.recordingId() != null && !ID.matcher(event.recordingId()).matches()) {
            return new Invalid("recording_id", "must be a Recording's uid");
        }
        if (event.filePath() == null && !FILE_EVENTS.contains(event.type())) {
            return null;
        }
        if (event.filePath() == null || relativePath(event.filePath(), recordingsMount) == null) {
            return new Invalid("file_path", "must be an absolute path ending in {camera_id}/{name}.mp4");
        }
        if (!relativePath(event.filePath(), recordingsMount).startsWith(event.cameraId() + "/")) {
            return new Invalid("file_path", "must be in the folder of camera_id");
        }
        for (String[] time : new String[][] {{"start_time", event.startTime()}, {"end_time", event.endTime()}}) {
            if (time[1] != null && parse(time[1]) == null) {
                return new Invalid(time[0], "must be an RFC 3339 time, e.g. 2026-01-31T12:00:00Z");
            }
        }
        if (event.sizeBytes() != null && event.sizeBytes() < 0) {
            return new Invalid("size_bytes", "must not be negative");
        }
        if (event.durationSeconds() != null && (event.durationSeconds() < 0 || event.durationSeconds().isNaN())) {
            return new Invalid("duration_seconds", "must not be negative");
        }
        return null;
    }

    public record Invalid(String field, String reason) {
    }

    /** What the event does to the recordings table. */
    public enum Effect { UPSERT, DELETE, NONE }

    public static Effect effect(RecorderEvent event) {
        if (event.filePath() == null) {
            return Effect.NONE;
        }
        return switch (event.type()) {
            case RecorderEvent.SEGMENT_STARTED, RecorderEvent.SEGMENT_FINISHED, RecorderEvent.SEGMENT_RECOVERED,
                    RecorderEvent.FAILURE -> Effect.UPSERT;
            case RecorderEvent.FILE_DELETED -> Effect.DELETE;
            default -> Effect.NONE;
        };
    }

    public static RecordingFileRow row(RecorderEvent event, String recordingsMount) {
        String relative = relativePath(event.filePath(), recordingsMount);
        String status = switch (event.type()) {
            case RecorderEvent.SEGMENT_STARTED -> "recording";
            case RecorderEvent.FAILURE -> "failed";
            default -> "completed";
        };
        String path = canonicalPath(event.filePath(), recordingsMount);
        return new RecordingFileRow(fileId(path), path,
                relative.substring(relative.lastIndexOf('/') + 1), event.cameraId(), event.cameraName(),
                event.recordingId(), event.nodeName(), parse(event.startTime()), parse(event.endTime()),
                event.durationSeconds(), event.sizeBytes(), status,
                RecorderEvent.FAILURE.equals(event.type()) ? event.reason() : null, false);
    }

    /** The row id of a file: a name-based UUID of its path, so the same file always gets the same id. */
    public static String fileId(String filePath) {
        return UUID.nameUUIDFromBytes(filePath.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * {@code {camera_id}/{name}.mp4}: the last two segments of {@code filePath}, an absolute path
     * without dot segments, else null. It is also the file's path on the file servers. Where the
     * recorder's recordings folder is mounted is the recorder's business (the chart's, the local
     * runner's), so only the camera folder and the name identify a file; {@link #check} makes sure
     * the folder is the event's camera.
     */
    public static String relativePath(String filePath, String recordingsMount) {
        if (!filePath.startsWith("/")) {
            return null;
        }
        String[] parts = filePath.split("/", -1);
        for (String part : parts) {
            if (part.equals("..") || part.equals(".")) {
                return null;
            }
        }
        if (parts.length < 3) {
            return null;
        }
        String folder = parts[parts.length - 2];
        String name = parts[parts.length - 1];
        if (!ID.matcher(folder).matches() || !FILE_NAME.matcher(name).matches()) {
            return null;
        }
        return folder + "/" + name;
    }

    /** The file's path as the API shows it: in the recordings mount of a recorder pod. */
    static String canonicalPath(String filePath, String recordingsMount) {
        String prefix = recordingsMount.endsWith("/") ? recordingsMount : recordingsMount + "/";
        return prefix + relativePath(filePath, recordingsMount);
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
