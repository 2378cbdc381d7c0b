package io.falconeye.operator.model;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.falconeye.operator.api.Camera;

/** Owner references that let Kubernetes' garbage collector remove what a deleted Camera owned. */
public final class Owners {

    private Owners() {
    }

    public static OwnerReference controlledBy(Camera camera) {
        return new OwnerReferenceBuilder()
                .withApiVersion(camera.getApiVersion())
                .withKind(camera.getKind())
                .withName(camera.getMetadata().getName())
                .withUid(camera.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }
}
