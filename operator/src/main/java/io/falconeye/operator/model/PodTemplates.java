package io.falconeye.operator.model;

import io.falconeye.operator.api.Camera;
import java.util.Map;
import java.util.TreeMap;

/** Pod template annotations: a change of the camera's restart annotation rolls its pods. */
final class PodTemplates {

    private PodTemplates() {
    }

    static Map<String, String> annotations(Camera camera) {
        Map<String, String> annotations = new TreeMap<>();
        Map<String, String> own = camera.getMetadata().getAnnotations();
        if (own != null && own.containsKey(Camera.RESTARTED_AT_ANNOTATION)) {
            annotations.put(Camera.RESTARTED_AT_ANNOTATION, own.get(Camera.RESTARTED_AT_ANNOTATION));
        }
        return annotations;
    }
}
