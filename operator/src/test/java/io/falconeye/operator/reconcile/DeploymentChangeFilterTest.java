package io.falconeye.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeploymentChangeFilterTest {

    private final DeploymentChangeFilter filter = new DeploymentChangeFilter();
    private final Deployment before = new DeploymentBuilder()
            .withNewMetadata().withName("cam-door").withGeneration(1L).withLabels(Map.of("app", "falcon-eye"))
                .withResourceVersion("10").endMetadata()
            .build();

    @Test
    void statusProgressDoesNotReconcile() {
        Deployment progressed = new DeploymentBuilder(before)
                .editMetadata().withResourceVersion("11")
                    .withAnnotations(Map.of("deployment.kubernetes.io/revision", "1")).endMetadata()
                .withStatus(new DeploymentStatusBuilder().withObservedGeneration(1L).withAvailableReplicas(1)
                        .addNewCondition().withType("Available").withStatus("True").endCondition().build())
                .build();
        assertThat(filter.accept(progressed, before)).isFalse();
    }

    @Test
    void specLabelsOwnerDeletionAndAStuckRolloutDo() {
        assertThat(filter.accept(new DeploymentBuilder(before).editMetadata().withGeneration(2L).endMetadata().build(), before))
                .as("spec changed").isTrue();
        assertThat(filter.accept(new DeploymentBuilder(before).editMetadata().withLabels(Map.of()).endMetadata().build(), before))
                .as("labels edited").isTrue();
        assertThat(filter.accept(new DeploymentBuilder(before).editMetadata().addNewOwnerReference().withName("door")
                .endOwnerReference().endMetadata().build(), before)).as("owner changed").isTrue();
        assertThat(filter.accept(new DeploymentBuilder(before).editMetadata().withDeletionTimestamp("2026-01-01T00:00:00Z")
                .endMetadata().build(), before)).as("being deleted").isTrue();
        Deployment stuck = new DeploymentBuilder(before)
                .withStatus(new DeploymentStatusBuilder().addNewCondition().withType("Progressing").withStatus("False")
                        .withReason("ProgressDeadlineExceeded").withMessage("ReplicaSet has timed out progressing")
                        .endCondition().build())
                .build();
        assertThat(filter.accept(stuck, before)).as("rollout stuck").isTrue();
        assertThat(filter.accept(before, stuck)).as("rollout unstuck").isTrue();
    }
}
