package io.falconeye.operator.reconcile;

import static io.falconeye.operator.reconcile.Kube.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.falconeye.operator.model.RelayResources;
import io.falconeye.testsupport.kube.ControlPlane;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The settings ConfigMap takes effect while the operator runs: changing DEFAULT_CAMERA_NODE and
 * JETSON_NODES moves a network camera's relay and gives it (or takes away) the Jetson toleration.
 * The operator's environment says DEFAULT_CAMERA_NODE=node-b, JETSON_NODES=jetson-1.
 */
@QuarkusTest
@QuarkusTestResource(value = OperatorOnControlPlane.class, restrictToAnnotatedClass = true)
class LiveSettingsTest {

    static final KubernetesClient client = ControlPlane.shared().adminClient();

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = OperatorOnControlPlane.TEST_NAMESPACE_PROPERTY)
    String ns;

    @Test
    void settingsConfigMapMovesTheRelayWithoutARestart() {
        readyRtspCamera("roaming", "rtsp://10.9.9.9:554/live");
        assertThat(relayPod().getSpec().getNodeName()).isEqualTo("node-b");

        settings(Map.of("DEFAULT_CAMERA_NODE", "jetson-1"));
        Pod onJetson = relayPodOn("jetson-1");
        assertThat(onJetson.getSpec().getTolerations()).anySatisfy(t -> {
            assertThat(t.getKey()).isEqualTo("dedicated");
            assertThat(t.getValue()).isEqualTo("jetson");
        });
        Kube.waitReady(ns, "roaming");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(Kube.camera(client, ns, "roaming").getStatus()
                .getNodeName()).as("the camera reports where its relay runs now").isEqualTo("jetson-1"));

        // jetson-1 no longer counted as a Jetson: the toleration goes (the pod cannot schedule there then)
        settings(Map.of("DEFAULT_CAMERA_NODE", "jetson-1", "JETSON_NODES", ""));
        await().atMost(TIMEOUT).until(() -> relayTemplate().getTolerations() == null
                || relayTemplate().getTolerations().isEmpty());

        settings(Map.of("DEFAULT_CAMERA_NODE", "node-a", "JETSON_NODES", ""));
        Pod onNodeA = relayPodOn("node-a");
        assertThat(onNodeA.getSpec().getTolerations()).noneSatisfy(t -> assertThat(t.getKey()).isEqualTo("dedicated"));
        Kube.waitReady(ns, "roaming");

        // without the ConfigMap the environment applies again
        client.configMaps().inNamespace(ns).withName("falcon-eye-settings").delete();
        assertThat(relayPodOn("node-b").getSpec().getNodeName()).isEqualTo("node-b");
    }

    private void readyRtspCamera(String name, String url) {
        Kube.apply(ns, cameraYaml(name, url));
        Kube.waitReady(ns, name);
    }

    private static String cameraYaml(String name, String url) {
        return """
                apiVersion: falcon-eye.io/v1alpha1
                kind: Camera
                metadata:
                  name: %s
                spec:
                  protocol: rtsp
                  source: {url: '%s'}
                """.formatted(name, url);
    }

    /**
     * A camera's Service is made once its workload is available, and a camera Service with a
     * virtual IP (as an earlier operator made them) is then replaced by a headless one.
     */
    @Test
    void serviceWithAVirtualIpIsRecreatedHeadless() {
        // the relay cannot start on a node that is not there: no Service for it yet, which leaves
        // room to put one with a virtual IP in place
        settings(Map.of("DEFAULT_CAMERA_NODE", "node-that-is-not-there"));
        Kube.apply(ns, cameraYaml("legacy", "rtsp://10.9.9.8:554/live"));
        await().atMost(TIMEOUT).until(() -> client.apps().deployments().inNamespace(ns).withName("cam-legacy").get() != null);
        assertThat(client.services().inNamespace(ns).withName("svc-legacy").get())
                .as("the relay's Service while no relay pod is ready").isNull();
        Service old = new ServiceBuilder(RelayResources.service(Kube.camera(client, ns, "legacy")))
                .editSpec().withClusterIP(null).endSpec().build();
        Service created = client.services().inNamespace(ns).resource(old).create();
        assertThat(created.getSpec().getClusterIP()).as("a Service with a virtual IP was put in place")
                .isNotEqualTo("None");

        // back to the environment's node-b: the relay starts, and its Service is made right
        client.configMaps().inNamespace(ns).withName("falcon-eye-settings").delete();
        Kube.waitReady(ns, "legacy");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(client.services().inNamespace(ns)
                .withName("svc-legacy").get()).as("svc-legacy").isNotNull()
                .extracting(s -> s.getSpec().getClusterIP()).as("its cluster IP").isEqualTo("None"));
    }

    private void settings(Map<String, String> data) {
        client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata()
                .withName("falcon-eye-settings").withNamespace(ns).endMetadata().withData(data).build())
                .forceConflicts().serverSideApply();
    }

    private PodSpec relayTemplate() {
        return client.apps().deployments().inNamespace(ns).withName("cam-roaming").get().getSpec().getTemplate().getSpec();
    }

    private Pod relayPod() {
        return Kube.singlePod(client, ns, "roaming", "camera");
    }

    private Pod relayPodOn(String node) {
        return await().atMost(TIMEOUT).until(() -> Kube.pods(client, ns, "roaming", "camera"),
                pods -> pods.size() == 1 && node.equals(pods.get(0).getSpec().getNodeName())).get(0);
    }
}
