package io.falconeye.operator.reconcile;

import io.fabric8.kubernetes.api.model.Service;
import io.falconeye.operator.api.Camera;
import io.falconeye.operator.model.Labels;
import io.falconeye.operator.model.Names;
import io.falconeye.operator.model.RecorderResources;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

@KubernetesDependent(informer = @Informer(name = RecorderServiceDependent.NAME, labelSelector = Labels.RECORDER_SELECTOR))
public class RecorderServiceDependent extends HeadlessServiceDependent {

    public static final String NAME = "recorder-service";

    @Override
    protected String name(Camera camera) {
        return Names.recorderService(camera);
    }

    @Override
    protected Service desired(Camera camera, Context<Camera> context) {
        return RecorderResources.service(camera);
    }
}
