package io.falconeye.operator.model;

import io.falconeye.operator.api.Recording;
import io.falconeye.operator.api.RecordingPhase;
import io.falconeye.operator.api.RecordingStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Next Recording statuses, derived from the previous one; pure. Condition Ready is True while recording. */
public final class RecordingStatuses {

    public static final String READY = "Ready";

    private RecordingStatuses() {
    }

    public static RecordingStatus pending(Recording recording, String reason, String message, Instant now) {
        RecordingStatus status = copy(recording);
        status.setPhase(RecordingPhase.Pending);
        status.setMessage(message);
        status.setConditions(Conditions.with(status.getConditions(), READY, false, reason, message,
                recording.getMetadata().getGeneration(), now));
        return status;
    }

    public static RecordingStatus recording(Recording recording, String startedAt, String nodeName, String pod,
            String currentFile, Long segments, Long bytes, Instant now) {
        RecordingStatus status = copy(recording);
        status.setPhase(RecordingPhase.Recording);
        status.setStartedAt(startedAt);
        status.setNodeName(nodeName);
        status.setRecorderPod(pod);
        status.setCurrentFile(currentFile);
        status.setSegments(segments);
        status.setBytes(bytes);
        String message = "recording on node " + nodeName;
        status.setMessage(message);
        status.setConditions(Conditions.with(status.getConditions(), READY, true, "Recording", message,
                recording.getMetadata().getGeneration(), now));
        return status;
    }

    /** A final phase (Completed, Stopped or Failed) with its reason. */
    public static RecordingStatus ended(Recording recording, RecordingPhase phase, String reason, String message,
            Instant now) {
        RecordingStatus status = copy(recording);
        status.setPhase(phase);
        status.setEndedAt(timestamp(now));
        status.setMessage(message);
        status.setConditions(Conditions.with(status.getConditions(), READY, false, reason, message,
                recording.getMetadata().getGeneration(), now));
        return status;
    }

    public static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static RecordingStatus copy(Recording recording) {
        RecordingStatus previous = recording.getStatus() == null ? new RecordingStatus() : recording.getStatus();
        RecordingStatus status = new RecordingStatus();
        status.setObservedGeneration(recording.getMetadata().getGeneration());
        status.setPhase(previous.getPhase());
        status.setConditions(previous.getConditions());
        status.setNodeName(previous.getNodeName());
        status.setRecorderPod(previous.getRecorderPod());
        status.setStartedAt(previous.getStartedAt());
        status.setEndedAt(previous.getEndedAt());
        status.setSegments(previous.getSegments());
        status.setBytes(previous.getBytes());
        status.setCurrentFile(previous.getCurrentFile());
        status.setMessage(previous.getMessage());
        return status;
    }
}
