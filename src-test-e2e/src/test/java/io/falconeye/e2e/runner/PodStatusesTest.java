package io.falconeye.e2e.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodStatusesTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-01T00:01:00Z");

    private final PodStatus fromKwok = new PodStatusBuilder().withPhase("Pending").withPodIP("198.18.1.2")
            .withConditions(cond("PodScheduled", "True", "2025-12-31T00:00:00Z"), cond("Ready", "False", "2025-12-31T00:00:00Z"))
            .build();

    @Test
    void aRunningReadyContainerMakesThePodRunningAndReady() {
        PodStatus status = PodStatuses.running(fromKwok, List.of(running(true, 0)), T0, T1);
        assertThat(status.getPhase()).isEqualTo("Running");
        assertThat(status.getPodIP()).isEqualTo("198.18.1.2");
        assertThat(condition(status, "Ready").getStatus()).isEqualTo("True");
        assertThat(condition(status, "Ready").getLastTransitionTime()).isEqualTo(T1.toString());
        assertThat(condition(status, "PodScheduled").getStatus()).isEqualTo("True");
        ContainerStatus container = status.getContainerStatuses().get(0);
        assertThat(container.getContainerID()).isEqualTo("local-runner://42");
        assertThat(PodStatuses.pidOf(container.getContainerID())).isEqualTo(42);
        assertThat(container.getState().getRunning().getStartedAt()).isEqualTo(T0.toString());
    }

    @Test
    void anUnchangedConditionKeepsItsTransitionTime() {
        PodStatus first = PodStatuses.running(fromKwok, List.of(running(true, 0)), T0, T0);
        PodStatus again = PodStatuses.running(first, List.of(running(true, 0)), T0, T1);
        assertThat(condition(again, "Ready").getLastTransitionTime()).isEqualTo(T0.toString());
    }

    @Test
    void aCrashedContainerWaitsInBackOffWithItsLastExit() {
        ContainerSnapshot crashed = new ContainerSnapshot("relay", "img", -1, null, "CrashLoopBackOff", "back-off 2s",
                false, 2, 137, T0, T1);
        PodStatus status = PodStatuses.running(fromKwok, List.of(crashed), T0, T1);
        assertThat(condition(status, "Ready").getStatus()).isEqualTo("False");
        assertThat(condition(status, "Ready").getMessage()).contains("relay");
        ContainerStatus container = status.getContainerStatuses().get(0);
        assertThat(container.getRestartCount()).isEqualTo(2);
        assertThat(container.getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
        assertThat(container.getLastState().getTerminated().getExitCode()).isEqualTo(137);
        assertThat(container.getContainerID()).isNull();
    }

    private static ContainerSnapshot running(boolean ready, int restarts) {
        return new ContainerSnapshot("relay", "img", 42, T0, null, null, ready, restarts, null, null, null);
    }

    private static PodCondition cond(String type, String status, String time) {
        return new PodConditionBuilder().withType(type).withStatus(status).withLastTransitionTime(time).build();
    }

    private static PodCondition condition(PodStatus status, String type) {
        return status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
    }
}
