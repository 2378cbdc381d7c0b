package io.falconeye.e2e.runner;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The status a kubelet would write for a pod whose containers are in the given states: phase
 * Running, containerStatuses, and Ready/ContainersReady from the containers' readiness (keeping
 * lastTransitionTime while a condition does not change). IPs and the other conditions stay.
 */
public final class PodStatuses {

    /** Annotation that tells kwok (and people) the pod runs as a local process. */
    public static final String RUNNER_ANNOTATION = "falcon-eye.io/local-runner";
    public static final String CONTAINER_ID_SCHEME = "local-runner://";

    private PodStatuses() {}

    public static PodStatus running(PodStatus current, List<ContainerSnapshot> containers, Instant podStarted, Instant now) {
        boolean allReady = !containers.isEmpty() && containers.stream().allMatch(ContainerSnapshot::ready);
        List<String> unready = containers.stream().filter(c -> !c.ready()).map(ContainerSnapshot::name).toList();
        String message = allReady ? null : "containers with unready status: [" + String.join(" ", unready) + "]";
        String reason = allReady ? null : "ContainersNotReady";
        List<PodCondition> conditions = new ArrayList<>();
        List<PodCondition> old = current == null || current.getConditions() == null ? List.of() : current.getConditions();
        for (PodCondition condition : old) {
            if (!List.of("Ready", "ContainersReady", "Initialized").contains(condition.getType())) {
                conditions.add(condition);
            }
        }
        conditions.add(condition(old, "Initialized", true, null, null, now));
        conditions.add(condition(old, "ContainersReady", allReady, reason, message, now));
        conditions.add(condition(old, "Ready", allReady, reason, message, now));
        List<ContainerStatus> statuses = containers.stream().map(PodStatuses::containerStatus).toList();
        return new PodStatusBuilder(current == null ? new PodStatus() : current)
                .withPhase("Running")
                .withStartTime(current != null && current.getStartTime() != null ? current.getStartTime() : podStarted.toString())
                .withConditions(conditions)
                .withContainerStatuses(statuses)
                .build();
    }

    static PodCondition condition(List<PodCondition> old, String type, boolean status, String reason, String message,
            Instant now) {
        String value = status ? "True" : "False";
        PodCondition previous = old.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
        String since = previous != null && value.equals(previous.getStatus()) && previous.getLastTransitionTime() != null
                ? previous.getLastTransitionTime() : now.toString();
        if (previous != null && value.equals(previous.getStatus()) && Objects.equals(reason, previous.getReason())
                && Objects.equals(message, previous.getMessage())) {
            return previous;
        }
        return new PodConditionBuilder().withType(type).withStatus(value).withReason(reason).withMessage(message)
                .withLastTransitionTime(since).build();
    }

    static ContainerStatus containerStatus(ContainerSnapshot c) {
        ContainerStatusBuilder status = new ContainerStatusBuilder()
                .withName(c.name())
                .withImage(c.image())
                .withImageID("")
                .withReady(c.ready())
                .withStarted(c.running())
                .withRestartCount(c.restartCount());
        if (c.running()) {
            status.withContainerID(CONTAINER_ID_SCHEME + c.pid())
                    .withNewState().withNewRunning().withStartedAt(c.startedAt().toString()).endRunning().endState();
        } else {
            status.withNewState().withNewWaiting().withReason(c.waitingReason()).withMessage(c.waitingMessage())
                    .endWaiting().endState();
        }
        if (c.lastExitCode() != null) {
            status.withNewLastState().withNewTerminated()
                    .withExitCode(c.lastExitCode())
                    .withReason(c.lastExitCode() == 0 ? "Completed" : "Error")
                    .withStartedAt(c.lastStartedAt() == null ? null : c.lastStartedAt().toString())
                    .withFinishedAt(c.lastFinishedAt() == null ? null : c.lastFinishedAt().toString())
                    .endTerminated().endLastState();
        }
        return status.build();
    }

    /** The local process id in a containerID the runner wrote, or -1. */
    public static long pidOf(String containerId) {
        if (containerId == null || !containerId.startsWith(CONTAINER_ID_SCHEME)) {
            return -1;
        }
        return Long.parseLong(containerId.substring(CONTAINER_ID_SCHEME.length()));
    }
}
