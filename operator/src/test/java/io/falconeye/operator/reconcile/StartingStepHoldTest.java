package io.falconeye.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.falconeye.operator.api.CameraPhase;
import io.falconeye.operator.api.CameraStatus;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StartingStepHoldTest {

    private static final ResourceID DOOR = new ResourceID("door", "home");
    private static final ResourceID GATE = new ResourceID("gate", "home");
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private final StartingStepHold hold = new StartingStepHold();

    @Test
    void stepsOfOneStartShareAWriteAtMostAWindowAfterTheFirst() {
        CameraStatus creating = status(CameraPhase.Creating, null);
        CameraStatus placed = status(CameraPhase.Creating, "node-b");

        assertThat(hold.holdBack(DOOR, creating, placed, T0)).contains(StartingStepHold.WINDOW);
        assertThat(hold.holdBack(DOOR, creating, placed, T0.plusMillis(1500))).contains(Duration.ofMillis(500));
        assertThat(hold.holdBack(GATE, creating, placed, T0.plusMillis(1500))).as("each camera has its own hold")
                .contains(StartingStepHold.WINDOW);
        assertThat(hold.holdBack(DOOR, creating, placed, T0.plus(StartingStepHold.WINDOW))).as("the window is over").isEmpty();

        assertThat(hold.holdBack(DOOR, placed, status(CameraPhase.Creating, "node-a"), T0.plusSeconds(3)))
                .as("the next step after a write starts a new window").contains(StartingStepHold.WINDOW);
    }

    @Test
    void readyIsWrittenAtOnceAndEndsTheHold() {
        CameraStatus creating = status(CameraPhase.Creating, null);
        CameraStatus placed = status(CameraPhase.Creating, "node-b");
        assertThat(hold.holdBack(DOOR, creating, placed, T0)).isPresent();

        assertThat(hold.holdBack(DOOR, creating, status(CameraPhase.Running, "node-b"), T0.plusMillis(300))).isEmpty();
        assertThat(hold.holdBack(DOOR, creating, placed, T0.plusMillis(400))).as("a fresh window")
                .contains(StartingStepHold.WINDOW);
    }

    @Test
    void nothingToWriteEndsTheHold() {
        CameraStatus creating = status(CameraPhase.Creating, null);
        assertThat(hold.holdBack(DOOR, creating, status(CameraPhase.Creating, "node-b"), T0)).isPresent();

        assertThat(hold.holdBack(DOOR, creating, status(CameraPhase.Creating, null), T0.plusMillis(500))).isEmpty();
        assertThat(hold.holdBack(DOOR, creating, status(CameraPhase.Creating, "node-b"), T0.plusMillis(600)))
                .contains(StartingStepHold.WINDOW);
    }

    @Test
    void theFirstStatusIsNeverHeld() {
        assertThat(hold.holdBack(DOOR, null, status(CameraPhase.Creating, null), T0)).isEmpty();
    }

    private static CameraStatus status(CameraPhase phase, String node) {
        CameraStatus status = new CameraStatus();
        status.setObservedGeneration(1L);
        status.setPhase(phase);
        status.setNodeName(node);
        return status;
    }
}
