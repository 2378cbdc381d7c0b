package io.falconeye.operator.model;

import static io.falconeye.operator.model.TestCameras.camera;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.falconeye.operator.api.Camera;
import io.falconeye.operator.api.CameraPhase;
import io.falconeye.operator.api.CameraStatus;
import io.falconeye.operator.api.Protocol;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CameraStatusesTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-01T10:05:00Z");
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final WorkloadState UP = new WorkloadState(true, true, false, "pod ready");
    private static final WorkloadState STARTING = new WorkloadState(true, false, false, "waiting");

    @Test
    void readyWhenRelayAndRecorderAreAvailable() {
        Camera camera = camera("door", Protocol.RTSP);
        CameraStatus status = CameraStatuses.desired(camera, UP, UP, "node-b", T0, TIMEOUT);
        assertThat(status.getPhase()).isEqualTo(CameraPhase.Running);
        assertThat(Conditions.isTrue(status.getConditions(), "Ready")).isTrue();
        assertThat(status.getObservedGeneration()).isEqualTo(1L);
        assertThat(status.getNodeName()).isEqualTo("node-b");
        assertThat(status.getStreamPath()).isEqualTo("/api/cameras/" + TestCameras.UID + "/stream");
        assertThat(status.getConditions()).extracting(c -> c.getType())
                .containsExactlyInAnyOrder("Ready", "RelayAvailable", "RecorderAvailable");
    }

    @Test
    void unchangedConditionKeepsItsTransitionTimeSoTheStatusIsEqual() {
        Camera camera = camera("door", Protocol.RTSP);
        camera.setStatus(CameraStatuses.desired(camera, UP, UP, "node-b", T0, TIMEOUT));
        CameraStatus again = CameraStatuses.desired(camera, UP, UP, "node-b", T1, TIMEOUT);
        assertThat(again).isEqualTo(camera.getStatus());

        CameraStatus changed = CameraStatuses.desired(camera, STARTING, UP, "node-b", T1, TIMEOUT);
        assertThat(Conditions.find(changed.getConditions(), "Ready").orElseThrow().getLastTransitionTime())
                .isEqualTo("2026-01-01T10:05:00Z");
        assertThat(Conditions.find(changed.getConditions(), "RecorderAvailable").orElseThrow().getLastTransitionTime())
                .isEqualTo("2026-01-01T10:00:00Z");
        assertThat(changed.getPhase()).isEqualTo(CameraPhase.Creating);
    }

    @Test
    void disabledCameraIsStopped() {
        Camera camera = camera("door", Protocol.RTSP);
        camera.getSpec().setEnabled(false);
        CameraStatus status = CameraStatuses.desired(camera, WorkloadState.ABSENT, WorkloadState.ABSENT, null, T0, TIMEOUT);
        assertThat(status.getPhase()).isEqualTo(CameraPhase.Stopped);
        assertThat(Conditions.find(status.getConditions(), "Ready").orElseThrow().getReason()).isEqualTo("Stopped");
    }

    @Test
    void creatingLongerThanTheTimeoutIsAnErrorUntilReady() {
        Camera camera = camera("door", Protocol.RTSP);
        camera.setStatus(CameraStatuses.desired(camera, STARTING, STARTING, null, T0, TIMEOUT));
        assertThat(camera.getStatus().getPhase()).isEqualTo(CameraPhase.Creating);
        assertThat(CameraStatuses.recheckAfter(camera.getStatus(), TIMEOUT, T0.plusSeconds(60)))
                .contains(Duration.ofSeconds(241));

        CameraStatus early = CameraStatuses.desired(camera, STARTING, STARTING, null, T1.minusSeconds(1), TIMEOUT);
        assertThat(early).isEqualTo(camera.getStatus());

        CameraStatus late = CameraStatuses.desired(camera, STARTING, STARTING, null, T1, TIMEOUT);
        assertThat(late.getPhase()).isEqualTo(CameraPhase.Error);
        var ready = Conditions.find(late.getConditions(), "Ready").orElseThrow();
        assertThat(ready.getReason()).isEqualTo("CreatingTimeout");
        assertThat(ready.getMessage()).startsWith("not ready within 5 minutes (CREATING_TIMEOUT_MINUTES): relay: ");
        assertThat(ready.getLastTransitionTime()).isEqualTo("2026-01-01T10:00:00Z");
        assertThat(CameraStatuses.recheckAfter(late, TIMEOUT, T1)).isEmpty();

        camera.setStatus(late);
        assertThat(CameraStatuses.desired(camera, STARTING, STARTING, null, T1.plusSeconds(60), TIMEOUT)).isEqualTo(late);
        assertThat(CameraStatuses.desired(camera, UP, UP, null, T1.plusSeconds(60), TIMEOUT).getPhase())
                .isEqualTo(CameraPhase.Running);
    }

    @Test
    void creatingClockStartsWhenReadyIsLostOrTheCameraIsStartedAgain() {
        Camera camera = camera("door", Protocol.RTSP);
        camera.setStatus(CameraStatuses.desired(camera, UP, UP, null, T0, TIMEOUT));
        Instant lost = T0.plus(Duration.ofHours(1));
        camera.setStatus(CameraStatuses.desired(camera, STARTING, UP, null, lost, TIMEOUT));
        assertThat(camera.getStatus().getPhase()).isEqualTo(CameraPhase.Creating);
        assertThat(CameraStatuses.desired(camera, STARTING, UP, null, lost.plusSeconds(299), TIMEOUT).getPhase())
                .isEqualTo(CameraPhase.Creating);
        assertThat(CameraStatuses.desired(camera, STARTING, UP, null, lost.plusSeconds(300), TIMEOUT).getPhase())
                .isEqualTo(CameraPhase.Error);

        // stopped for a day, then enabled again: a fresh five minutes
        camera.getSpec().setEnabled(false);
        camera.setStatus(CameraStatuses.desired(camera, WorkloadState.ABSENT, WorkloadState.ABSENT, null, T0, TIMEOUT));
        camera.getSpec().setEnabled(true);
        Instant restarted = T0.plus(Duration.ofDays(1));
        CameraStatus again = CameraStatuses.desired(camera, WorkloadState.ABSENT, WorkloadState.ABSENT, null, restarted,
                TIMEOUT);
        assertThat(again.getPhase()).isEqualTo(CameraPhase.Pending);
        assertThat(CameraStatuses.recheckAfter(again, Duration.ofMinutes(1), restarted)).contains(Duration.ofSeconds(61));
    }

    @Test
    void stepsOfAStartAreStartingStepsButNotTheFirstStatusReadyErrorsOrASpecChange() {
        Camera camera = camera("door", Protocol.RTSP);
        CameraStatus pending = CameraStatuses.desired(camera, WorkloadState.ABSENT, WorkloadState.ABSENT, null, T0, TIMEOUT);
        assertThat(CameraStatuses.isStartingStep(null, pending)).as("the first status").isFalse();

        camera.setStatus(pending);
        CameraStatus creating = CameraStatuses.desired(camera, STARTING, STARTING, null, T0, TIMEOUT);
        assertThat(CameraStatuses.isStartingStep(pending, creating)).as("Pending to Creating").isTrue();

        camera.setStatus(creating);
        CameraStatus placed = CameraStatuses.desired(camera, STARTING, STARTING, "node-b", T0, TIMEOUT);
        CameraStatus relayUp = CameraStatuses.desired(camera, UP, STARTING, "node-b", T0, TIMEOUT);
        assertThat(CameraStatuses.isStartingStep(creating, placed)).as("relay placed").isTrue();
        assertThat(CameraStatuses.isStartingStep(creating, relayUp)).as("relay ready, recorder not").isTrue();

        CameraStatus running = CameraStatuses.desired(camera, UP, UP, "node-b", T0, TIMEOUT);
        assertThat(CameraStatuses.isStartingStep(creating, running)).as("Ready").isFalse();
        CameraStatus timedOut = CameraStatuses.desired(camera, STARTING, STARTING, null, T1, TIMEOUT);
        assertThat(CameraStatuses.isStartingStep(creating, timedOut)).as("creating timed out").isFalse();

        camera.getMetadata().setGeneration(2L);
        CameraStatus edited = CameraStatuses.desired(camera, STARTING, STARTING, null, T0, TIMEOUT);
        assertThat(CameraStatuses.isStartingStep(creating, edited)).as("a spec change").isFalse();

        camera.setStatus(running);
        CameraStatus lost = CameraStatuses.desired(camera, STARTING, UP, "node-b", T1, TIMEOUT);
        assertThat(CameraStatuses.isStartingStep(running, lost)).as("Ready lost").isFalse();
    }

    @Test
    void failedRolloutIsAnError() {
        var deployment = new DeploymentBuilder().withNewMetadata().withGeneration(2L).endMetadata()
                .withNewStatus().withObservedGeneration(2L)
                .addNewCondition().withType("Progressing").withStatus("False").withReason("ProgressDeadlineExceeded")
                .withMessage("ReplicaSet has timed out progressing").endCondition()
                .endStatus().build();
        WorkloadState relay = WorkloadState.of(Optional.of(deployment), List.of());
        CameraStatus status = CameraStatuses.desired(camera("door", Protocol.RTSP), relay, UP, null, T0, TIMEOUT);
        assertThat(status.getPhase()).isEqualTo(CameraPhase.Error);
        assertThat(Conditions.find(status.getConditions(), "RelayAvailable").orElseThrow().getReason())
                .isEqualTo("RelayFailed");
    }
}
