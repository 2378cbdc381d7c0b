package io.falconeye.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatchMemoTest {

    private final MatchMemo memo = new MatchMemo();

    @Test
    void aDeploymentWhoseStatusAloneChangedStillMatches() {
        Deployment actual = deployment(1L, "100", "1");
        memo.rememberMatch(actual, inputs(1L));

        Deployment afterStatusUpdate = new DeploymentBuilder(actual).editMetadata().withResourceVersion("101").endMetadata()
                .withNewStatus().withAvailableReplicas(1).endStatus().build();

        assertThat(memo.knownToMatch(afterStatusUpdate, inputs(1L))).isTrue();
    }

    @Test
    void aSpecChangeALabelEditOrOtherInputsNeedTheFullMatch() {
        Deployment actual = deployment(1L, "100", "1");
        memo.rememberMatch(actual, inputs(1L));

        assertThat(memo.knownToMatch(deployment(2L, "101", "1"), inputs(1L))).as("spec changed: generation 2").isFalse();
        Deployment relabelled = new DeploymentBuilder(actual).editMetadata().addToLabels("app", "edited").endMetadata().build();
        assertThat(memo.knownToMatch(relabelled, inputs(1L))).as("label edited by hand").isFalse();
        assertThat(memo.knownToMatch(actual, inputs(2L))).as("camera spec changed").isFalse();
        assertThat(memo.knownToMatch(actual, new DesiredInputs("camera-uid", 1L, Map.of("restart", "now"), "settings-1")))
                .as("camera restarted").isFalse();
        assertThat(memo.knownToMatch(actual, new DesiredInputs("camera-uid", 1L, Map.of(), "settings-2")))
                .as("settings changed").isFalse();
        Deployment recreated = new DeploymentBuilder(actual).editMetadata().withUid("other").endMetadata().build();
        assertThat(memo.knownToMatch(recreated, inputs(1L))).as("deleted and created again").isFalse();
    }

    @Test
    void aServiceHasNoGenerationSoAnyChangeOfItNeedsTheFullMatch() {
        Service actual = new ServiceBuilder().withNewMetadata().withName("svc-a").withNamespace("ns").withUid("u")
                .withResourceVersion("7").endMetadata().build();
        memo.rememberMatch(actual, inputs(1L));

        assertThat(memo.knownToMatch(actual, inputs(1L))).isTrue();
        Service changed = new ServiceBuilder(actual).editMetadata().withResourceVersion("8").endMetadata().build();
        assertThat(memo.knownToMatch(changed, inputs(1L))).isFalse();
    }

    @Test
    void nothingIsKnownBeforeAMatch() {
        assertThat(memo.knownToMatch(deployment(1L, "1", "1"), inputs(1L))).isFalse();
    }

    private static Deployment deployment(Long generation, String resourceVersion, String image) {
        return new DeploymentBuilder().withNewMetadata().withName("cam-a").withNamespace("ns").withUid("u")
                .withGeneration(generation).withResourceVersion(resourceVersion).addToLabels("app", "falcon-eye").endMetadata()
                .withNewSpec().withReplicas(1).withNewTemplate().withNewSpec().addNewContainer().withName("relay")
                .withImage("relay:" + image).endContainer().endSpec().endTemplate().endSpec().build();
    }

    private static DesiredInputs inputs(Long cameraGeneration) {
        return new DesiredInputs("camera-uid", cameraGeneration, Map.of(), "settings-1");
    }
}
