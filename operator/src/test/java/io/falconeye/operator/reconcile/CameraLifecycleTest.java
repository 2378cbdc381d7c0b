package io.falconeye.operator.reconcile;

import static io.falconeye.operator.reconcile.Kube.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.falconeye.operator.api.Camera;
import io.falconeye.operator.api.CameraPhase;
import io.falconeye.operator.model.Conditions;
import io.falconeye.testsupport.kube.ControlPlane;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The operator, running with its own ServiceAccount, against the real API server with kwok nodes. */
@QuarkusTest
@QuarkusTestResource(value = OperatorOnControlPlane.class, restrictToAnnotatedClass = true)
class CameraLifecycleTest {
    static final io.fabric8.kubernetes.client.KubernetesClient client = ControlPlane.shared().adminClient();

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = OperatorOnControlPlane.TEST_NAMESPACE_PROPERTY)
    String ns;


    @Test
    void everyExampleBecomesReadyOnTheRightNode() throws Exception {
        ControlPlane cp = ControlPlane.shared();
        for (String file : new String[] {"camera-credentials-secret.yaml", "camera-usb.yaml", "camera-rtsp.yaml",
                "camera-onvif.yaml", "camera-http.yaml", "camera-jetson.yaml"}) {
            cp.kubectl("apply", "-n", ns, "-f", Kube.example(file).toString());
        }
        for (String camera : new String[] {"desk-webcam", "front-door", "garden", "garage", "driveway"}) {
            Kube.waitReady(ns, camera);
        }

        // usb: relay and recorder on the node the device is plugged into
        Pod usbRelay = Kube.singlePod(client, ns, "desk-webcam", "camera");
        assertThat(usbRelay.getSpec().getNodeName()).isEqualTo("node-a");
        assertThat(usbRelay.getSpec().getContainers().get(0).getSecurityContext().getPrivileged()).isTrue();
        assertThat(Kube.singlePod(client, ns, "desk-webcam", "recorder").getSpec().getNodeName()).isEqualTo("node-a");
        // network camera: DEFAULT_CAMERA_NODE
        assertThat(Kube.singlePod(client, ns, "front-door", "camera").getSpec().getNodeName())
                .isEqualTo(OperatorOnControlPlane.DEFAULT_CAMERA_NODE);
        // Jetson camera: on the tainted node, which only a pod with the toleration can reach
        Pod jetson = Kube.singlePod(client, ns, "driveway", "camera");
        assertThat(jetson.getSpec().getNodeName()).isEqualTo("jetson-1");
        assertThat(jetson.getSpec().getTolerations()).anySatisfy(t -> {
            assertThat(t.getKey()).isEqualTo("dedicated");
            assertThat(t.getValue()).isEqualTo("jetson");
            assertThat(t.getEffect()).isEqualTo("NoSchedule");
        });
        assertThat(Kube.singlePod(client, ns, "driveway", "recorder").getSpec().getNodeName()).isEqualTo("jetson-1");

        Camera door = Kube.camera(client, ns, "front-door");
        assertThat(door.getStatus().getPhase()).isEqualTo(CameraPhase.Running);
        assertThat(door.getStatus().getNodeName()).isEqualTo(OperatorOnControlPlane.DEFAULT_CAMERA_NODE);
        assertThat(door.getStatus().getStreamPath()).isEqualTo("/api/cameras/" + door.getMetadata().getUid() + "/stream");
        assertThat(door.getStatus().getObservedGeneration()).isEqualTo(door.getMetadata().getGeneration());
        assertThat(Conditions.isTrue(door.getStatus().getConditions(), "RelayAvailable")).isTrue();
        assertThat(Conditions.isTrue(door.getStatus().getConditions(), "RecorderAvailable")).isTrue();

        // the password never reaches the pod spec, only a reference to the Secret
        String relaySpec = client.apps().deployments().inNamespace(ns).withName("cam-front-door").get().toString();
        assertThat(relaySpec).doesNotContain("change-me").contains("front-door-credentials");

        String table = cp.kubectl("get", "cam", "-n", ns);
        assertThat(table).contains("PROTOCOL", "NODE", "PHASE", "READY", "AGE");
        assertThat(table.lines().filter(l -> l.startsWith("front-door")).findFirst().orElseThrow())
                .contains("rtsp", "node-b", "Running", "True");
        assertThat(cp.kubectl("explain", "camera.spec.source")).contains("devicePath", "Video device of a usb camera");
        assertThat(Files.exists(Kube.example("recording.yaml"))).isTrue();
    }

    @Test
    void specChangeRollsOutWithoutRecreating() {
        Kube.apply(ns, camera("roll", "framerate: 10"));
        Kube.waitReady(ns, "roll");
        Deployment before = relay("roll");

        Kube.apply(ns, camera("roll", "framerate: 25"));
        await().atMost(TIMEOUT).untilAsserted(() -> {
            Deployment after = relay("roll");
            assertThat(after.getMetadata().getUid()).isEqualTo(before.getMetadata().getUid());
            assertThat(after.getMetadata().getGeneration()).isGreaterThan(before.getMetadata().getGeneration());
            assertThat(after.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                    .anySatisfy(e -> assertThat(e.getName() + "=" + e.getValue()).isEqualTo("FPS=25"));
        });
        Kube.waitReady(ns, "roll");
        Camera camera = Kube.camera(client, ns, "roll");
        assertThat(camera.getStatus().getObservedGeneration()).isEqualTo(camera.getMetadata().getGeneration());

        // a change that does not touch the workloads (a label) reconciles without touching the Deployment
        long generation = relay("roll").getMetadata().getGeneration();
        ControlPlane.shared().kubectl("label", "-n", ns, "camera/roll", "team=night");
        ControlPlane.shared().kubectl("annotate", "-n", ns, "camera/roll", "note=checked");
        await().during(java.time.Duration.ofSeconds(3)).atMost(java.time.Duration.ofSeconds(10))
                .until(() -> relay("roll").getMetadata().getGeneration() == generation);

        // the restart annotation rolls the pods
        String podBefore = Kube.singlePod(client, ns, "roll", "camera").getMetadata().getName();
        ControlPlane.shared().kubectl("annotate", "-n", ns, "camera/roll", Camera.RESTARTED_AT_ANNOTATION + "=now-1");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(Kube.pods(client, ns, "roll", "camera"))
                .singleElement().satisfies(p -> assertThat(p.getMetadata().getName()).isNotEqualTo(podBefore)));
    }

    @Test
    void disabledCameraStopsAndComesBack() {
        Kube.apply(ns, camera("sleepy", "enabled: true"));
        Kube.waitReady(ns, "sleepy");

        Kube.apply(ns, camera("sleepy", "enabled: false"));
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(workloads()).doesNotContainKeys("cam-sleepy", "rec-sleepy", "svc-sleepy", "svc-rec-sleepy");
            assertThat(Kube.camera(client, ns, "sleepy").getStatus().getPhase()).isEqualTo(CameraPhase.Stopped);
        });
        Kube.apply(ns, camera("sleepy", "enabled: true"));
        Kube.waitReady(ns, "sleepy");
        assertThat(workloads()).containsKeys("cam-sleepy", "rec-sleepy", "svc-sleepy", "svc-rec-sleepy");
    }

    @Test
    void deletingACameraRemovesEverythingItOwned() {
        Kube.apply(ns, camera("gone", "location: attic"));
        Kube.waitReady(ns, "gone");
        assertThat(workloads()).containsKeys("cam-gone", "rec-gone", "svc-gone", "svc-rec-gone");

        ControlPlane.shared().kubectl("delete", "-n", ns, "camera/gone", "--wait=true");
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(workloads()).doesNotContainKeys("cam-gone", "rec-gone", "svc-gone", "svc-rec-gone");
            assertThat(Kube.pods(client, ns, "gone", "camera")).isEmpty();
        });
    }

    @Test
    void orphanDeploymentAndServiceMadeByHandAreRemovedWhatTheUserKeptStays() {
        String missingCamera = UUID.randomUUID().toString();
        Map<String, String> labels = Map.of("app", "falcon-eye", "component", "camera", "camera-id", missingCamera);
        client.apps().deployments().inNamespace(ns).resource(new DeploymentBuilder()
                .withNewMetadata().withName("cam-leftover").withLabels(labels).endMetadata()
                .withNewSpec().withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("relay").withImage("old/relay:1").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
        client.services().inNamespace(ns).resource(new io.fabric8.kubernetes.api.model.ServiceBuilder()
                .withNewMetadata().withName("svc-leftover").withLabels(labels).endMetadata()
                .withNewSpec().withSelector(labels).addNewPort().withPort(8081).endPort().endSpec().build()).create();
        // an unrelated Deployment in the same namespace stays
        Map<String, String> other = Map.of("app", "something-else");
        client.apps().deployments().inNamespace(ns).resource(new DeploymentBuilder()
                .withNewMetadata().withName("unrelated").withLabels(other).endMetadata()
                .withNewSpec().withNewSelector().withMatchLabels(other).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(other).endMetadata()
                .withNewSpec().addNewContainer().withName("x").withImage("x:1").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();

        // what the operator made and a user kept with `kubectl delete camera --cascade=orphan` stays
        Map<String, String> kept = new java.util.HashMap<>(labels);
        kept.put("app.kubernetes.io/managed-by", "falcon-eye-operator");
        client.services().inNamespace(ns).resource(new io.fabric8.kubernetes.api.model.ServiceBuilder()
                .withNewMetadata().withName("svc-kept").withLabels(kept).endMetadata()
                .withNewSpec().withSelector(labels).addNewPort().withPort(8081).endPort().endSpec().build()).create();

        await().atMost(TIMEOUT).untilAsserted(() ->
                assertThat(workloads()).doesNotContainKeys("cam-leftover", "svc-leftover"));
        assertThat(client.apps().deployments().inNamespace(ns).withName("unrelated").get()).isNotNull();
        assertThat(client.services().inNamespace(ns).withName("svc-kept").get()).isNotNull();
    }

    static String camera(String name, String extraSpecLine) {
        return """
                apiVersion: falcon-eye.io/v1alpha1
                kind: Camera
                metadata:
                  name: %s
                spec:
                  protocol: http
                  source:
                    url: http://192.0.2.50:8080/video.mjpg
                  %s
                """.formatted(name, extraSpecLine);
    }

    private Deployment relay(String camera) {
        return client.apps().deployments().inNamespace(ns).withName("cam-" + camera).get();
    }

    /** Names of the Deployments and Services in the namespace (value: kind). */
    private Map<String, String> workloads() {
        Map<String, String> names = new java.util.HashMap<>();
        client.apps().deployments().inNamespace(ns).list().getItems()
                .forEach(d -> names.put(d.getMetadata().getName(), "Deployment"));
        client.services().inNamespace(ns).list().getItems()
                .forEach(s -> names.put(s.getMetadata().getName(), "Service"));
        return names;
    }
}
