package io.falconeye.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.falconeye.operator.api.Camera;
import io.falconeye.operator.reconcile.OperatorOnControlPlane;
import io.falconeye.testsupport.kube.ControlPlane;
import io.falconeye.testsupport.kube.TestNamespace;
import io.falconeye.testsupport.kube.WithControlPlane;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Killing the operator half-way through creating cameras and starting it again creates no duplicates. */
@WithControlPlane
class OperatorRestartIT {

    static final int CAMERAS = 20;
    static final int DEPLOYMENTS_BEFORE_KILL = 4;

    @Test
    void restartMidWayCreatesNoDuplicates(KubernetesClient client, TestNamespace ns) throws Exception {
        ControlPlane cp = ControlPlane.shared();
        OperatorOnControlPlane.installCrdsAndRbac(cp);
        ResourceQuota halfWay = holdDeploymentsAt(client, ns, DEPLOYMENTS_BEFORE_KILL);
        Map<String, String> before;
        try (OperatorProcess first = OperatorProcess.start(ns.name(), "first")) {
            StringBuilder yaml = new StringBuilder();
            for (int i = 0; i < CAMERAS; i++) {
                yaml.append(CameraYaml.http("restart-" + i)).append("---\n");
            }
            cp.kubectlWithInput(yaml.toString(), "apply", "-n", ns.name(), "-f", "-");
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                    .until(() -> deployments(client, ns).size() == DEPLOYMENTS_BEFORE_KILL);
            first.kill();
            before = deployments(client, ns);
        }
        assertThat(before).hasSize(DEPLOYMENTS_BEFORE_KILL);
        client.resource(halfWay).delete();

        try (OperatorProcess second = OperatorProcess.start(ns.name(), "second")) {
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    client.resources(Camera.class).inNamespace(ns.name()).list().getItems().stream()
                            .filter(c -> c.getStatus() != null && c.getStatus().getConditions().stream()
                                    .anyMatch(x -> x.getType().equals("Ready") && x.getStatus().equals("True")))
                            .count() == CAMERAS);
            Map<String, String> after = deployments(client, ns);
            assertThat(after).hasSize(2 * CAMERAS);
            // what existed before the kill was kept, not recreated
            before.forEach((name, uid) -> assertThat(after).containsEntry(name, uid));
            assertThat(client.services().inNamespace(ns.name()).list().getItems()).hasSize(2 * CAMERAS);
            // each Deployment rolled out once: no needless template changes after the restart
            Map<String, Long> replicaSets = client.apps().replicaSets().inNamespace(ns.name()).list().getItems()
                    .stream().collect(Collectors.groupingBy(rs -> rs.getMetadata().getOwnerReferences().get(0).getName(),
                            Collectors.counting()));
            assertThat(replicaSets).hasSize(2 * CAMERAS).allSatisfy((d, count) -> assertThat(count).isEqualTo(1L));
            assertThat(second.isAlive()).isTrue();
        }
    }

    /**
     * The API server's quota admission refuses Deployments beyond {@code count}, so the first operator
     * is killed half-way whatever the machine's speed: unthrottled, it can create all 40 Deployments
     * between two polls.
     */
    private static ResourceQuota holdDeploymentsAt(KubernetesClient client, TestNamespace ns, int count) {
        ResourceQuota quota = client.resource(new ResourceQuotaBuilder()
                .withNewMetadata().withName("half-way").withNamespace(ns.name()).endMetadata()
                .withNewSpec().addToHard("count/deployments.apps", new Quantity(String.valueOf(count))).endSpec()
                .build()).create();
        // quota admission refuses every create until the controller-manager has written the quota's usage
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            ResourceQuota current = client.resource(quota).get();
            return current.getStatus() != null && current.getStatus().getUsed() != null
                    && current.getStatus().getUsed().containsKey("count/deployments.apps");
        });
        return quota;
    }

    private static Map<String, String> deployments(KubernetesClient client, TestNamespace ns) {
        List<Deployment> items = client.apps().deployments().inNamespace(ns.name()).list().getItems();
        return items.stream().map(HasMetadata::getMetadata)
                .collect(Collectors.toMap(m -> m.getName(), m -> m.getUid(), (a, b) -> a + "," + b));
    }

}
