package io.falconeye.operator.model;

import io.falconeye.operator.api.Condition;
import io.falconeye.operator.api.Camera;
import io.falconeye.operator.api.CameraPhase;
import io.falconeye.operator.api.CameraStatus;
import java.time.Instant;
import java.util.List;

/** The Camera's status computed from what its Deployments report; pure, so it is tested without a cluster. */
public final class CameraStatuses {

    public static final String READY = "Ready";
    public static final String RELAY_AVAILABLE = "RelayAvailable";
    public static final String RECORDER_AVAILABLE = "RecorderAvailable";

    private CameraStatuses() {
    }

    public static CameraStatus desired(Camera camera, WorkloadState relay, WorkloadState recorder, String relayNode,
            Instant now) {
        CameraStatus previous = camera.getStatus() == null ? new CameraStatus() : camera.getStatus();
        Long generation = camera.getMetadata().getGeneration();
        CameraStatus status = new CameraStatus();
        status.setObservedGeneration(generation);
        status.setStreamPath(Names.streamPath(camera));
        List<Condition> conditions = previous.getConditions();
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
        String readyReason = ready ? "Running" : relay.failed() || recorder.failed() ? "WorkloadFailed" : "Creating";
        String readyMessage = ready ? "relay and recorder are running"
                : !relay.available() ? "relay: " + relay.message() : "recorder: " + recorder.message();
        conditions = Conditions.with(conditions, READY, ready, readyReason, readyMessage, generation, now);
        status.setConditions(conditions);
        status.setPhase(ready ? CameraPhase.Running
                : relay.failed() || recorder.failed() ? CameraPhase.Error
                : relay.exists() ? CameraPhase.Creating : CameraPhase.Pending);
        status.setNodeName(relayNode);
        return status;
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
