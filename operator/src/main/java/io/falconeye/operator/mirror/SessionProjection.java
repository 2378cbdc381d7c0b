package io.falconeye.operator.mirror;

import io.falconeye.operator.api.Recording;
import io.falconeye.operator.api.RecordingStatus;
import io.falconeye.operator.db.SessionRow;
import java.time.OffsetDateTime;
import java.util.Locale;

/** Recording resource -> recording_sessions row; pure. */
public final class SessionProjection {

    private SessionProjection() {
    }

    public static SessionRow row(Recording recording, String cameraId) {
        RecordingStatus status = recording.getStatus();
        return new SessionRow(
                recording.getMetadata().getUid(),
                recording.getMetadata().getNamespace(),
                recording.getMetadata().getName(),
                recording.getSpec().getCameraRef(),
                cameraId,
                status == null || status.getPhase() == null ? "pending" : status.getPhase().name().toLowerCase(Locale.ROOT),
                status == null ? null : status.getNodeName(),
                status == null ? null : time(status.getStartedAt()),
                status == null ? null : time(status.getEndedAt()),
                status == null ? null : status.getSegments(),
                status == null ? null : status.getBytes(),
                status == null ? null : status.getCurrentFile(),
                status == null ? null : status.getMessage(),
                OffsetDateTime.parse(recording.getMetadata().getCreationTimestamp()),
                CameraProjection.resourceVersion(recording.getMetadata().getResourceVersion()));
    }

    /** The file status a finished session gives its files: completed, stopped or failed. */
    public static String finalFileStatus(Recording recording) {
        RecordingStatus status = recording.getStatus();
        if (status == null || status.getPhase() == null || !status.getPhase().isFinal()) {
            return null;
        }
        return status.getPhase().name().toLowerCase(Locale.ROOT);
    }

    static OffsetDateTime time(String rfc3339) {
        return rfc3339 == null || rfc3339.isBlank() ? null : OffsetDateTime.parse(rfc3339);
    }
}
