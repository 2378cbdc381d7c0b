package io.falconeye.operator.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.falconeye.operator.api.Camera;
import io.falconeye.operator.model.WorkloadState;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * A workload's Deployment is ready once a pod of its current template is ready ({@link WorkloadState}).
 * Its Service depends on it, so the Service is made when there is a ready pod to route to: the
 * endpoint controllers then write its Endpoints and EndpointSlice once, with the ready address,
 * instead of creating them empty and updating them when the pod becomes ready.
 */
public class WorkloadAvailable implements Condition<Deployment, Camera> {

    @Override
    public boolean isMet(DependentResource<Deployment, Camera> dependentResource, Camera camera, Context<Camera> context) {
        return dependentResource.getSecondaryResource(camera, context)
                .map(deployment -> WorkloadState.of(deployment, context.getSecondaryResources(Pod.class)).available())
                .orElse(false);
    }
}
