package io.falconeye.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.falconeye.operator.model.Labels;
import org.junit.jupiter.api.Test;

/** Which pod updates reconcile the pod's Camera ({@link CameraReconciler#readinessOrPlacementChanged}). */
class CameraPodFilterTest {

    @Test
    void aPodBecomingReadyOrGoingAwayReconciles() {
        Pod starting = pod(Labels.COMPONENT_RECORDER, "node-b", false);
        assertThat(CameraReconciler.readinessOrPlacementChanged(pod(Labels.COMPONENT_RECORDER, "node-b", true), starting))
                .isTrue();
        Pod terminating = new PodBuilder(starting).editMetadata().withDeletionTimestamp("2026-01-01T10:00:00Z")
                .endMetadata().build();
        assertThat(CameraReconciler.readinessOrPlacementChanged(terminating, starting)).isTrue();
    }

    @Test
    void aRelayPodPlacedOnANodeReconcilesARecorderPodDoesNot() {
        assertThat(CameraReconciler.readinessOrPlacementChanged(pod(Labels.COMPONENT_CAMERA, "node-b", false),
                pod(Labels.COMPONENT_CAMERA, null, false))).as("status.nodeName is the relay's node").isTrue();
        assertThat(CameraReconciler.readinessOrPlacementChanged(pod(Labels.COMPONENT_RECORDER, "node-b", false),
                pod(Labels.COMPONENT_RECORDER, null, false))).isFalse();
    }

    @Test
    void otherStatusUpdatesDoNotReconcile() {
        Pod before = pod(Labels.COMPONENT_CAMERA, "node-b", false);
        Pod after = new PodBuilder(before).editStatus().withPhase("Running").withPodIP("10.0.0.7").endStatus().build();
        assertThat(CameraReconciler.readinessOrPlacementChanged(after, before)).isFalse();
    }

    private static Pod pod(String component, String node, boolean ready) {
        return new PodBuilder()
                .withNewMetadata().withName("p").addToLabels(Labels.COMPONENT, component).endMetadata()
                .withNewSpec().withNodeName(node).endSpec()
                .withNewStatus().withPhase("Pending")
                    .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .endStatus()
                .build();
    }
}
