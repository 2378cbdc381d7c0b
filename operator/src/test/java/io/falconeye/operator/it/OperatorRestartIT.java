package io.falconeye.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
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

    @Test
    void restartMidWayCreatesNoDuplicates(KubernetesClient client, TestNamespace ns) throws Exception {
        ControlPlane cp = ControlPlane.shared();
        OperatorOnControlPlane.installCrdsAndRbac(cp);
        Map<String, String> before;
        try (OperatorProcess first = OperatorProcess.start(ns.name(), "first")) {
            StringBuilder yaml = new StringBuilder();
            for (int i = 0; i < CAMERAS; i++) {
                yaml.append(CameraYaml.http("restart-" + i)).append("---\n");
            }
            cp.kubectlWithInput(yaml.toString(), "apply", "-n", ns.name(), "-f", "-");
            // mid-way: some workloads exist, not all
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                    .until(() -> deployments(client, ns).size() >= 4);
            first.kill();
            before = deployments(client, ns);
        }
        assertThat(before.size()).isLessThan(2 * CAMERAS);

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

    private static Map<String, String> deployments(KubernetesClient client, TestNamespace ns) {
        List<Deployment> items = client.apps().deployments().inNamespace(ns.name()).list().getItems();
        return items.stream().map(HasMetadata::getMetadata)
                .collect(Collectors.toMap(m -> m.getName(), m -> m.getUid(), (a, b) -> a + "," + b));
    }

}
