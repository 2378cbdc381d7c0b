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
import io.falconeye.testsupport.kube.ControlPlane;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RegisteredController;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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

    @Inject
    Operator operator;

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
        Kube.apply(ns, """
                apiVersion: falcon-eye.io/v1alpha1
                kind: Camera
                metadata:
                  name: %s
                spec:
                  protocol: rtsp
                  source: {url: '%s'}
                """.formatted(name, url));
        Kube.waitReady(ns, name);
    }

    /** A camera Service with a virtual IP (made by an earlier operator) is replaced by a headless one. */
    @Test
    void serviceWithAVirtualIpIsRecreatedHeadless() {
        readyRtspCamera("legacy", "rtsp://10.9.9.8:554/live");
        Service headless = client.services().inNamespace(ns).withName("svc-legacy").get();
        assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");

        // Not a copy of JOSDK's own-write marker: an older operator's Service does not carry this
        // process's marker, and with it the informer would take the Service's creation for our own.
        Service old = new ServiceBuilder(headless).editMetadata().withResourceVersion(null).withUid(null)
                .withManagedFields(List.of()).removeFromAnnotations(InformerEventSource.PREVIOUS_ANNOTATION_KEY).endMetadata()
                .editSpec().withClusterIP(null).withClusterIPs(List.of()).endSpec().withStatus(null).build();
        // The camera controller looks at another namespace while the old Service is put in place, so
        // it cannot recreate its own in between; looking back, it finds the old one.
        RegisteredController<?> cameras = operator.getRegisteredController("camera").orElseThrow();
        cameras.changeNamespaces(Set.of(ns + "-elsewhere"));
        try {
            client.services().inNamespace(ns).withName("svc-legacy").withTimeout(30, TimeUnit.SECONDS).delete();
            Service created = client.services().inNamespace(ns).resource(old).create();
            assertThat(created.getSpec().getClusterIP()).as("a Service with a virtual IP was put in place")
                    .isNotEqualTo("None");
        } finally {
            cameras.changeNamespaces(Set.of(ns));
        }

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
