package io.falconeye.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.falconeye.operator.model.Labels;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import java.util.Map;
import java.util.Set;

/** Maps a pod (or other object the operator labelled) to its Camera through app.kubernetes.io/instance. */
public class CameraLabelMapper<R extends HasMetadata> implements SecondaryToPrimaryMapper<R> {

    @Override
    public Set<ResourceID> toPrimaryResourceIDs(R resource) {
        Map<String, String> labels = resource.getMetadata().getLabels();
        String camera = labels == null ? null : labels.get(Labels.K8S_INSTANCE);
        return camera == null ? Set.of() : Set.of(new ResourceID(camera, resource.getMetadata().getNamespace()));
    }
}
