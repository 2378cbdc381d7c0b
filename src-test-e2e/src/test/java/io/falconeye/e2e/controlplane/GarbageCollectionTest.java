package io.falconeye.e2e.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.falconeye.testsupport.kube.WithControlPlane;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The controller-manager's Deployment, ReplicaSet and garbage-collector controllers are real. */
@WithControlPlane
class GarbageCollectionTest {

    @Test
    void deletingADeploymentCollectsItsReplicaSetAndPods(KubernetesClient client) {
        client.apps().deployments().resource(SchedulingTest.deployment("owned", Map.of("kubernetes.io/hostname", "node-a"))).create();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                client.pods().withLabel("app", "owned").list().getItems().size() == 1);
        ReplicaSet replicaSet = client.apps().replicaSets().withLabel("app", "owned").list().getItems().get(0);
        assertThat(replicaSet.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(ref -> assertThat(ref.getKind()).isEqualTo("Deployment"));

        client.apps().deployments().withName("owned").delete();

        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(client.apps().replicaSets().withLabel("app", "owned").list().getItems()).isEmpty();
            assertThat(client.pods().withLabel("app", "owned").list().getItems()).isEmpty();
        });
    }
}
