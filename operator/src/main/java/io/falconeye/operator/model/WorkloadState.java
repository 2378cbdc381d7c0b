package io.falconeye.operator.model;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.client.readiness.Readiness;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a camera workload's Deployment and pods tell, reduced to what a Camera's status needs.
 *
 * <p>Available means a pod of the Deployment's current template is Ready: the moment its Service
 * routes to it and the video is live. That is read from the pods themselves, not from the
 * Deployment's status, which the Deployment controller writes later, after the ReplicaSet's: with
 * a thousand new workloads in its queue, tens of seconds later. The Deployment's status still
 * says when a rollout is stuck.
 */
public record WorkloadState(boolean exists, boolean available, boolean failed, String message) {

    public static final WorkloadState ABSENT = new WorkloadState(false, false, false, "not created yet");

    /**
     * One message for "no pod yet" and "no ready pod yet": to a user both mean the pod is on its
     * way, and each distinct message would be one more status write per workload, which a burst of
     * new cameras pays a thousand times.
     */
    private static final String STARTING = "waiting for the pod to become ready";

    /** @param pods pods of the Camera; those the Deployment does not select are ignored */
    public static WorkloadState of(Optional<Deployment> deployment, Collection<Pod> pods) {
        return deployment.map(d -> of(d, pods)).orElse(ABSENT);
    }

    public static WorkloadState of(Deployment deployment, Collection<Pod> pods) {
        String stuck = stuckMessage(deployment);
        if (stuck != null) {
            return new WorkloadState(true, false, true, stuck);
        }
        String template = PodTemplates.hash(deployment.getSpec().getTemplate().getMetadata());
        Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();
        boolean available = pods.stream()
                .filter(pod -> Labels.selects(selector, pod))
                .anyMatch(pod -> isReady(pod) && Objects.equals(template, PodTemplates.hash(pod.getMetadata())));
        return new WorkloadState(true, available, false, available ? "pod ready" : STARTING);
    }

    /**
     * This state, but not yet available: for a workload whose pod turned Ready after the workflow
     * looked, so that its Service, made once the workflow sees it available, is not made yet.
     */
    public WorkloadState notYetAvailable() {
        return available ? new WorkloadState(exists, false, failed, STARTING) : this;
    }

    /**
     * Why the Deployment controller gave up on a rollout (progress deadline) or cannot make it
     * (quota, admission); null while it is not stuck.
     */
    public static String stuckMessage(Deployment deployment) {
        var status = deployment.getStatus();
        List<DeploymentCondition> conditions = status == null || status.getConditions() == null
                ? List.of() : status.getConditions();
        return conditions.stream()
                .filter(c -> ("Progressing".equals(c.getType()) && "False".equals(c.getStatus()))
                        || ("ReplicaFailure".equals(c.getType()) && "True".equals(c.getStatus())))
                .map(c -> Objects.requireNonNullElse(c.getMessage(), Objects.requireNonNullElse(c.getReason(), c.getType())))
                .findFirst()
                .orElse(null);
    }

    /** Ready and not on its way out. */
    public static boolean isReady(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() == null && Readiness.isPodReady(pod);
    }
}
