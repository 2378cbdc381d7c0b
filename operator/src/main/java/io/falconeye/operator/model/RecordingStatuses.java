package io.falconeye.operator.model;

import io.falconeye.operator.api.Condition;
import io.falconeye.operator.api.Recording;
import io.falconeye.operator.api.RecordingPhase;
import io.falconeye.operator.api.RecordingStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Next Recording statuses, derived from the previous one; pure. Condition Ready is True while recording. */
public final class RecordingStatuses {

    public static final String READY = "Ready";
    public static final String RECORDER_UNAVAILABLE = "RecorderUnavailable";
    /** Back-off bounds while the recorder refuses connections: quick at first, then every few seconds. */
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY = Duration.ofSeconds(5);

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

    /**
     * Pending while the recorder's pod is ready but its process does not take the start (not
     * listening yet, restarting, or answering 5xx). The message names the Service, not the attempt,
     * so repeated attempts leave the status unchanged and write nothing.
     */
    public static RecordingStatus waitingForRecorder(Recording recording, String recorderService, String why,
            Instant now) {
        return pending(recording, RECORDER_UNAVAILABLE, "waiting for recorder Service " + recorderService
                + " to accept the start (" + why + "); retrying", now);
    }

    /**
     * When to try the recorder again: a quarter of the time waited so far (since Ready last became
     * False), between {@link #FIRST_RETRY} and {@link #MAX_RETRY}. A recorder that is just starting
     * is caught within a second; one that is down for long costs one connection attempt per
     * {@link #MAX_RETRY}.
     */
    public static Duration retryAfter(RecordingStatus status, Instant now) {
        Instant since = Conditions.find(status == null ? null : status.getConditions(), READY)
                .filter(c -> Conditions.FALSE.equals(c.getStatus()))
                .map(Condition::getLastTransitionTime)
                .map(Instant::parse)
                .orElse(now);
        Duration quarter = Duration.between(since, now).dividedBy(4);
        return quarter.compareTo(FIRST_RETRY) < 0 ? FIRST_RETRY : quarter.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : quarter;
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
