package io.falconeye.operator.reconcile;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.falconeye.operator.api.Camera;
import io.falconeye.operator.api.CameraStatus;
import io.falconeye.operator.api.Recording;
import io.falconeye.operator.api.RecordingStatus;

/**
 * A fresh object carrying only name, namespace and status, for JOSDK's server-side-apply status
 * patch: without a resourceVersion it cannot conflict with a spec or metadata change made meanwhile,
 * and the status fields it leaves out are removed.
 */
final class StatusPatch {

    private StatusPatch() {
    }

    static Camera of(Camera camera, CameraStatus status) {
        Camera patch = new Camera();
        patch.setMetadata(new ObjectMetaBuilder().withName(camera.getMetadata().getName())
                .withNamespace(camera.getMetadata().getNamespace()).build());
        patch.setStatus(status);
        return patch;
    }

    static Recording of(Recording recording, RecordingStatus status) {
        Recording patch = new Recording();
        patch.setMetadata(new ObjectMetaBuilder().withName(recording.getMetadata().getName())
                .withNamespace(recording.getMetadata().getNamespace()).build());
        patch.setStatus(status);
        return patch;
    }
}
