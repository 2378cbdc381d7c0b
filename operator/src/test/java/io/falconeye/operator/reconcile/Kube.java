package io.falconeye.operator.reconcile;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.falconeye.operator.api.Camera;
import io.falconeye.testsupport.kube.ControlPlane;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Small helpers for tests that drive the control plane the way a user does. */
final class Kube {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Kube() {
    }

    static Path example(String file) {
        return Path.of("..", "examples", file).toAbsolutePath().normalize();
    }

    static String apply(String namespace, String yaml) {
        var result = ControlPlane.shared().kubectlWithInput(yaml, "apply", "-n", namespace, "-f", "-");
        if (result.exitCode() != 0) {
            throw new IllegalStateException("kubectl apply failed: " + result.stderr());
        }
        return result.stdout();
    }

    static void waitReady(String namespace, String camera) {
        ControlPlane.shared().kubectl("wait", "--for=condition=Ready", "--timeout=" + TIMEOUT.toSeconds() + "s",
                "-n", namespace, "camera/" + camera);
    }

    static Camera camera(KubernetesClient client, String namespace, String name) {
        return client.resources(Camera.class).inNamespace(namespace).withName(name).get();
    }

    /** The running pods of a component (camera or recorder) of the named camera. */
    static List<Pod> pods(KubernetesClient client, String namespace, String camera, String component) {
        return client.pods().inNamespace(namespace).withLabel("app.kubernetes.io/instance", camera)
                .withLabel("component", component).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .toList();
    }

    static Pod singlePod(KubernetesClient client, String namespace, String camera, String component) {
        return await().atMost(TIMEOUT).until(() -> pods(client, namespace, camera, component),
                pods -> pods.size() == 1 && pods.get(0).getSpec().getNodeName() != null).get(0);
    }
}
