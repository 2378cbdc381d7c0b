package io.falconeye.operator.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.falconeye.operator.api.Camera;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Map;

/**
 * Everything a camera's dependents are built from, besides the operator's fixed environment: the
 * Camera (its uid names it; its generation stands for its spec, which is all that bumps it; its
 * annotations carry the restart) and the version of the settings ConfigMap. Equal inputs build
 * equal dependents, so a reconcile whose inputs did not change need not build them again.
 */
record DesiredInputs(String cameraUid, Long cameraGeneration, Map<String, String> cameraAnnotations,
        String settingsVersion) {

    static DesiredInputs of(Camera camera, Context<Camera> context) {
        String settingsVersion = context.getSecondaryResource(ConfigMap.class, SettingsEventSource.NAME)
                .map(configMap -> configMap.getMetadata().getResourceVersion()).orElse(null);
        return new DesiredInputs(camera.getMetadata().getUid(), camera.getMetadata().getGeneration(),
                camera.getMetadata().getAnnotations(), settingsVersion);
    }
}
