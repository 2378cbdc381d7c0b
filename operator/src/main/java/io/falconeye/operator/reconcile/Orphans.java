package io.falconeye.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.falconeye.operator.api.Camera;
import io.falconeye.operator.model.Labels;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Decides whether a Falcon-Eye workload object still has its camera, and removes it when not.
 * Only objects this operator did not make (by hand, by the earlier system) are judged: its own are
 * owned by their Camera and left to the garbage collector, or kept when the user deleted the Camera
 * with --cascade=orphan. Objects owned by a Camera are never judged here.
 */
final class Orphans {

    private static final Logger LOG = Logger.getLogger(Orphans.class);

    private Orphans() {
    }

    /** The camera id an object claims to belong to, from camera-id or recorder-for. */
    static Optional<String> claimedCameraId(HasMetadata object) {
        Map<String, String> labels = object.getMetadata().getLabels();
        if (labels == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(labels.getOrDefault(Labels.CAMERA_ID, labels.get(Labels.RECORDER_FOR)));
    }

    static boolean ownedByCamera(HasMetadata object) {
        return object.getMetadata().getOwnerReferences() != null && object.getMetadata().getOwnerReferences().stream()
                .anyMatch(o -> Camera.class.getSimpleName().equals(o.getKind())
                        && o.getApiVersion() != null && o.getApiVersion().startsWith(Camera.GROUP + "/"));
    }

    /** Removes {@code object} when no Camera of its namespace has the id it claims. */
    static void removeIfOrphan(KubernetesClient client, HasMetadata object) {
        if (object.getMetadata().getDeletionTimestamp() != null || ownedByCamera(object)) {
            return;
        }
        String namespace = object.getMetadata().getNamespace();
        Optional<String> claimed = claimedCameraId(object);
        boolean cameraExists = claimed.isPresent() && client.resources(Camera.class).inNamespace(namespace).list()
                .getItems().stream().anyMatch(c -> claimed.get().equals(c.getMetadata().getUid()));
        if (!cameraExists) {
            LOG.infof("Removing orphan %s %s/%s: no camera with id %s", object.getKind(), namespace,
                    object.getMetadata().getName(), claimed.orElse("(none)"));
            client.resource(object).delete();
        }
    }
}
