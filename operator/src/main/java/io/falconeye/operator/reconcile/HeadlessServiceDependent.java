package io.falconeye.operator.reconcile;

import io.fabric8.kubernetes.api.model.Service;
import io.falconeye.operator.api.Camera;
import io.falconeye.operator.model.CameraWorkloadServices;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/**
 * A camera's Service, headless (see {@link CameraWorkloadServices}). spec.clusterIP cannot change,
 * so a Service made before with a virtual IP (an older operator, by hand) is deleted and created
 * again headless; nothing else is ever recreated.
 */
abstract class HeadlessServiceDependent extends UnlockedSsaDependent<Service> {

    HeadlessServiceDependent() {
        super(Service.class);
    }

    @Override
    public Service update(Service actual, Service desired, Camera camera, Context<Camera> context) {
        if (!CameraWorkloadServices.isHeadless(actual)) {
            context.getClient().resource(actual).delete();
            return create(desired, camera, context);
        }
        return super.update(actual, desired, camera, context);
    }
}
