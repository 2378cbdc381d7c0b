package io.falconeye.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.Test;

class MatchMemoTest {

    private final MatchMemo memo = new MatchMemo();

    @Test
    void aDeploymentWhoseStatusAloneChangedStillMatches() {
        Deployment actual = deployment(1L, "100", "1");
        memo.rememberMatch(actual, desired("1"));

        Deployment afterStatusUpdate = new DeploymentBuilder(actual).editMetadata().withResourceVersion("101").endMetadata()
                .withNewStatus().withAvailableReplicas(1).endStatus().build();

        assertThat(memo.knownToMatch(afterStatusUpdate, desired("1"))).isTrue();
    }

    @Test
    void aSpecChangeALabelEditOrAnotherDesiredStateNeedsTheFullMatch() {
        Deployment actual = deployment(1L, "100", "1");
        memo.rememberMatch(actual, desired("1"));

        assertThat(memo.knownToMatch(deployment(2L, "101", "1"), desired("1"))).as("spec changed: generation 2").isFalse();
        Deployment relabelled = new DeploymentBuilder(actual).editMetadata().addToLabels("app", "edited").endMetadata().build();
        assertThat(memo.knownToMatch(relabelled, desired("1"))).as("label edited by hand").isFalse();
        assertThat(memo.knownToMatch(actual, desired("2"))).as("camera changed").isFalse();
        Deployment recreated = new DeploymentBuilder(actual).editMetadata().withUid("other").endMetadata().build();
        assertThat(memo.knownToMatch(recreated, desired("1"))).as("deleted and created again").isFalse();
    }

    @Test
    void aServiceHasNoGenerationSoAnyChangeOfItNeedsTheFullMatch() {
        Service actual = new ServiceBuilder().withNewMetadata().withName("svc-a").withNamespace("ns").withUid("u")
                .withResourceVersion("7").endMetadata().build();
        Service desired = new ServiceBuilder().withNewMetadata().withName("svc-a").endMetadata().build();
        memo.rememberMatch(actual, desired);

        assertThat(memo.knownToMatch(actual, desired)).isTrue();
        Service changed = new ServiceBuilder(actual).editMetadata().withResourceVersion("8").endMetadata().build();
        assertThat(memo.knownToMatch(changed, desired)).isFalse();
    }

    @Test
    void nothingIsKnownBeforeAMatch() {
        assertThat(memo.knownToMatch(deployment(1L, "1", "1"), desired("1"))).isFalse();
    }

    private static Deployment deployment(Long generation, String resourceVersion, String image) {
        return new DeploymentBuilder().withNewMetadata().withName("cam-a").withNamespace("ns").withUid("u")
                .withGeneration(generation).withResourceVersion(resourceVersion).addToLabels("app", "falcon-eye").endMetadata()
                .withNewSpec().withReplicas(1).withNewTemplate().withNewSpec().addNewContainer().withName("relay")
                .withImage("relay:" + image).endContainer().endSpec().endTemplate().endSpec().build();
    }

    private static Deployment desired(String image) {
        return new DeploymentBuilder().withNewMetadata().withName("cam-a").withNamespace("ns").endMetadata()
                .withNewSpec().withReplicas(1).withNewTemplate().withNewSpec().addNewContainer().withName("relay")
                .withImage("relay:" + image).endContainer().endSpec().endTemplate().endSpec().build();
    }
}
