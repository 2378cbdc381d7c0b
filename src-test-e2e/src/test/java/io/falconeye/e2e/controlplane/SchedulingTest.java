package io.falconeye.e2e.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.falconeye.testsupport.kube.WithControlPlane;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The real scheduler places pods on kwok nodes by selector and taints; kwok runs them. */
@WithControlPlane
class SchedulingTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void deploymentWithHostnameSelectorRunsOnThatNode(KubernetesClient client) {
        client.apps().deployments().resource(deployment("pinned", Map.of("kubernetes.io/hostname", "node-b"))).create();

        Pod pod = Awaitility.await().atMost(WAIT).until(() -> runningPods(client, "pinned"), pods -> pods.size() == 1).get(0);

        assertThat(pod.getSpec().getNodeName()).isEqualTo("node-b");
        String podCidr = client.nodes().withName("node-b").get().getSpec().getPodCIDR();
        String prefix = podCidr.substring(0, podCidr.lastIndexOf('.') + 1);
        assertThat(pod.getStatus().getPodIP()).as("pod IP from node-b's podCIDR " + podCidr).startsWith(prefix);
    }

    @Test
    void podWithoutTheJetsonTolerationNeverLandsOnJetson(KubernetesClient client) {
        client.pods().resource(pod("intolerant", false)).create();

        Pod pod = Awaitility.await().atMost(WAIT).until(() -> client.pods().withName("intolerant").get(),
                p -> condition(p, "PodScheduled") != null && "False".equals(condition(p, "PodScheduled").getStatus()));

        assertThat(condition(pod, "PodScheduled").getReason()).isEqualTo("Unschedulable");
        assertThat(condition(pod, "PodScheduled").getMessage()).contains("untolerated taint");
        assertThat(pod.getSpec().getNodeName()).isNull();
    }

    @Test
    void podThatToleratesAndSelectsJetsonRunsThere(KubernetesClient client) {
        client.pods().resource(pod("tolerant", true)).create();

        Pod pod = Awaitility.await().atMost(WAIT).until(() -> client.pods().withName("tolerant").get(),
                p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()));

        assertThat(pod.getSpec().getNodeName()).isEqualTo("jetson-1");
    }

    private static List<Pod> runningPods(KubernetesClient client, String app) {
        return client.pods().withLabel("app", app).list().getItems().stream()
                .filter(p -> "Running".equals(p.getStatus().getPhase()))
                .toList();
    }

    private static PodCondition condition(Pod pod, String type) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return null;
        }
        return pod.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }

    static Deployment deployment(String name, Map<String, String> nodeSelector) {
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate()
                .withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec()
                .withNodeSelector(nodeSelector)
                .addNewContainer().withName("main").withImage("registry.invalid/fake:1").endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private static Pod pod(String name, boolean toleratesJetson) {
        PodBuilder builder = new PodBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec()
                .withNodeSelector(Map.of("kubernetes.io/hostname", "jetson-1"))
                .addNewContainer().withName("main").withImage("registry.invalid/fake:1").endContainer()
                .endSpec();
        if (toleratesJetson) {
            builder.editSpec().addNewToleration().withKey("dedicated").withOperator("Equal").withValue("jetson")
                    .withEffect("NoSchedule").endToleration().endSpec();
        }
        return builder.build();
    }
}
