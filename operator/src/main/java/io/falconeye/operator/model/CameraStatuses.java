package io.falconeye.operator.model;

import io.falconeye.operator.api.Condition;
import io.falconeye.operator.api.Camera;
import io.falconeye.operator.api.CameraPhase;
import io.falconeye.operator.api.CameraStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The Camera's status computed from what its workloads report ({@link WorkloadState}); pure, so it is tested without a cluster. */
public final class CameraStatuses {

    public static final String READY = "Ready";
    public static final String RELAY_AVAILABLE = "RelayAvailable";
    public static final String RECORDER_AVAILABLE = "RecorderAvailable";
    /** Ready's reason when the camera stayed Pending/Creating longer than CREATING_TIMEOUT_MINUTES. */
    public static final String CREATING_TIMEOUT = "CreatingTimeout";

    private CameraStatuses() {
    }

    /**
     * The status for what the workloads report at {@code now}. A camera whose workloads are not
     * ready {@code creatingTimeout} after Ready last became False (or after it was re-enabled) is
     * in phase Error, reason CreatingTimeout, until they are; a failed rollout is an Error at once.
     */
    public static CameraStatus desired(Camera camera, WorkloadState relay, WorkloadState recorder, String relayNode,
            Instant now, Duration creatingTimeout) {
        CameraStatus previous = camera.getStatus() == null ? new CameraStatus() : camera.getStatus();
        Long generation = camera.getMetadata().getGeneration();
        CameraStatus status = new CameraStatus();
        status.setObservedGeneration(generation);
        status.setStreamPath(Names.streamPath(camera));
        // A camera started again (after Stopped) starts its creating clock afresh.
        List<Condition> conditions = previous.getPhase() == CameraPhase.Stopped && camera.getSpec().isEnabled()
                ? List.of() : previous.getConditions();
        if (!camera.getSpec().isEnabled()) {
            String message = "the camera is disabled (spec.enabled: false)";
            conditions = Conditions.with(conditions, RELAY_AVAILABLE, false, "Stopped", message, generation, now);
            conditions = Conditions.with(conditions, RECORDER_AVAILABLE, false, "Stopped", message, generation, now);
            conditions = Conditions.with(conditions, READY, false, "Stopped", message, generation, now);
            status.setConditions(conditions);
            status.setPhase(CameraPhase.Stopped);
            return status;
        }
        conditions = Conditions.with(conditions, RELAY_AVAILABLE, relay.available(), reason(relay, "Relay"),
                "relay: " + relay.message(), generation, now);
        conditions = Conditions.with(conditions, RECORDER_AVAILABLE, recorder.available(), reason(recorder, "Recorder"),
                "recorder: " + recorder.message(), generation, now);
        boolean ready = relay.available() && recorder.available();
        boolean failed = relay.failed() || recorder.failed();
        String readyReason = ready ? "Running" : failed ? "WorkloadFailed" : "Creating";
        String readyMessage = ready ? "relay and recorder are running"
                : !relay.available() ? "relay: " + relay.message() : "recorder: " + recorder.message();
        CameraPhase phase = ready ? CameraPhase.Running
                : failed ? CameraPhase.Error
                : relay.exists() ? CameraPhase.Creating : CameraPhase.Pending;
        if (isStarting(phase)) {
            Instant since = notReadySince(conditions, now);
            if (!now.isBefore(since.plus(creatingTimeout))) {
                phase = CameraPhase.Error;
                readyReason = CREATING_TIMEOUT;
                readyMessage = "not ready within " + minutes(creatingTimeout) + " (CREATING_TIMEOUT_MINUTES): "
                        + readyMessage;
            }
        }
        conditions = Conditions.with(conditions, READY, ready, readyReason, readyMessage, generation, now);
        status.setConditions(conditions);
        status.setPhase(phase);
        status.setNodeName(relayNode);
        return status;
    }

    /**
     * True when going from {@code current} to {@code desired} is a step of a camera's start and
     * nothing more: both Pending or Creating, for the same generation, Ready still False (a relay
     * placed or ready, a recorder ready while the other is not). Such a step may wait a moment to
     * share its status write with the next one; the first status, a spec change, Ready, an Error
     * and Stopped never wait.
     */
    public static boolean isStartingStep(CameraStatus current, CameraStatus desired) {
        return current != null && isStarting(current.getPhase()) && isStarting(desired.getPhase())
                && Objects.equals(current.getObservedGeneration(), desired.getObservedGeneration());
    }

    private static boolean isStarting(CameraPhase phase) {
        return phase == CameraPhase.Pending || phase == CameraPhase.Creating;
    }

    /**
     * How long until a camera in this status times out creating: when to look again, since no
     * event may come in the meantime. Empty when the camera is not Pending or Creating.
     */
    public static Optional<Duration> recheckAfter(CameraStatus status, Duration creatingTimeout, Instant now) {
        if (!isStarting(status.getPhase())) {
            return Optional.empty();
        }
        Duration left = Duration.between(now, notReadySince(status.getConditions(), now).plus(creatingTimeout));
        return Optional.of(left.isNegative() || left.isZero() ? Duration.ofSeconds(1) : left.plusSeconds(1));
    }

    /** When Ready last became False; now when there is no Ready condition or it is True. */
    private static Instant notReadySince(List<Condition> conditions, Instant now) {
        return Conditions.find(conditions, READY)
                .filter(c -> Conditions.FALSE.equals(c.getStatus()))
                .map(Condition::getLastTransitionTime)
                .map(Instant::parse)
                .orElse(now);
    }

    private static String minutes(Duration timeout) {
        long m = timeout.toMinutes();
        return m == 1 ? "1 minute" : m + " minutes";
    }

    /** Status after a reconcile error: the error goes to the Ready condition and the phase is Error. */
    public static CameraStatus failed(Camera camera, String message, Instant now) {
        CameraStatus previous = camera.getStatus() == null ? new CameraStatus() : camera.getStatus();
        CameraStatus status = new CameraStatus();
        status.setObservedGeneration(previous.getObservedGeneration());
        status.setStreamPath(Names.streamPath(camera));
        status.setNodeName(previous.getNodeName());
        status.setConditions(Conditions.with(previous.getConditions(), READY, false, "ReconcileError", message,
                camera.getMetadata().getGeneration(), now));
        status.setPhase(CameraPhase.Error);
        return status;
    }

    private static String reason(WorkloadState state, String what) {
        if (state.available()) {
            return what + "Available";
        }
        if (state.failed()) {
            return what + "Failed";
        }
        return state.exists() ? what + "Starting" : what + "NotCreated";
    }
}
