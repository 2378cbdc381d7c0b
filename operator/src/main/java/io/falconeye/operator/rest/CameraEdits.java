package io.falconeye.operator.rest;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.falconeye.operator.api.Camera;
import java.util.function.UnaryOperator;

/**
 * Read-modify-write of a Camera that retries when the reconciler wrote its status in between
 * (HTTP 409 on the resourceVersion), so a user's change is never lost to a race nor refused.
 */
final class CameraEdits {

    private static final int ATTEMPTS = 5;

    private CameraEdits() {
    }

    static Camera edit(KubernetesClient client, Camera camera, UnaryOperator<Camera> change) {
        for (int attempt = 1; ; attempt++) {
            try {
                return client.resources(Camera.class).inNamespace(camera.getMetadata().getNamespace())
                        .withName(camera.getMetadata().getName()).edit(change);
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
