package io.falconeye.operator.model;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import java.util.List;
import java.util.Optional;

/** What a Deployment tells about its pods, reduced to what a Camera's status needs. */
public record WorkloadState(boolean exists, boolean available, boolean failed, String message) {

    public static final WorkloadState ABSENT = new WorkloadState(false, false, false, "not created yet");

    public static WorkloadState of(Optional<Deployment> deployment) {
        return deployment.map(WorkloadState::of).orElse(ABSENT);
    }

    /**
     * One message for "no status yet" and "no ready pod yet": to a user both mean the pod is on its
     * way, and each distinct message would be one more status write per workload, which a burst of
     * new cameras pays a thousand times.
     */
    private static final String STARTING = "waiting for the pod to become ready";

    public static WorkloadState of(Deployment deployment) {
        var status = deployment.getStatus();
        if (status == null) {
            return new WorkloadState(true, false, false, STARTING);
        }
        List<DeploymentCondition> conditions = status.getConditions() == null ? List.of() : status.getConditions();
        Optional<DeploymentCondition> stuck = conditions.stream()
                .filter(c -> ("Progressing".equals(c.getType()) && "False".equals(c.getStatus()))
                        || ("ReplicaFailure".equals(c.getType()) && "True".equals(c.getStatus())))
                .findFirst();
        if (stuck.isPresent()) {
            return new WorkloadState(true, false, true, stuck.get().getMessage());
        }
        boolean current = status.getObservedGeneration() != null
                && status.getObservedGeneration() >= deployment.getMetadata().getGeneration();
        int updated = status.getUpdatedReplicas() == null ? 0 : status.getUpdatedReplicas();
        int available = status.getAvailableReplicas() == null ? 0 : status.getAvailableReplicas();
        boolean isAvailable = current && updated >= 1 && available >= 1
                && conditions.stream().anyMatch(c -> "Available".equals(c.getType()) && "True".equals(c.getStatus()));
        return new WorkloadState(true, isAvailable, false,
                isAvailable ? "pod ready" : STARTING);
    }
}
