package io.falconeye.operator.reconcile;

import io.falconeye.operator.api.Camera;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** Workloads exist only while the camera is enabled; when not, JOSDK deletes them. */
public class CameraEnabled implements Condition<Object, Camera> {

    @Override
    public boolean isMet(DependentResource<Object, Camera> dependentResource, Camera camera, Context<Camera> context) {
        return camera.getSpec().isEnabled();
    }
}
