package io.falconeye.operator.model;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.falconeye.operator.api.Camera;
import java.util.LinkedHashMap;
import java.util.Map;

/** The seed's labels (app, component, camera-id, recorder-for, protocol) plus app.kubernetes.io/*. */
public final class Labels {

    public static final String APP = "app";
    public static final String APP_VALUE = "falcon-eye";
    public static final String COMPONENT = "component";
    public static final String CAMERA_ID = "camera-id";
    public static final String RECORDER_FOR = "recorder-for";
    public static final String PROTOCOL = "protocol";
    public static final String K8S_NAME = "app.kubernetes.io/name";
    public static final String K8S_INSTANCE = "app.kubernetes.io/instance";
    public static final String K8S_COMPONENT = "app.kubernetes.io/component";
    public static final String K8S_PART_OF = "app.kubernetes.io/part-of";
    public static final String K8S_MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY_VALUE = "falcon-eye-operator";

    public static final String COMPONENT_CAMERA = "camera";
    public static final String COMPONENT_RECORDER = "recorder";

    /** Selects every object the operator manages; informers use it so they hold nothing else. */
    public static final String MANAGED_SELECTOR = K8S_MANAGED_BY + "=" + MANAGED_BY_VALUE;
    public static final String RELAY_SELECTOR = MANAGED_SELECTOR + "," + COMPONENT + "=" + COMPONENT_CAMERA;
    public static final String RECORDER_SELECTOR = MANAGED_SELECTOR + "," + COMPONENT + "=" + COMPONENT_RECORDER;

    private Labels() {
    }

    public static Map<String, String> relay(Camera camera) {
        Map<String, String> labels = relaySelector(camera);
        labels.put(PROTOCOL, camera.getSpec().getProtocol().value());
        labels.putAll(common(camera, "relay"));
        return labels;
    }

    /** Immutable selector of the relay Deployment: its pods carry these labels. */
    public static Map<String, String> relaySelector(Camera camera) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(APP, APP_VALUE);
        labels.put(COMPONENT, COMPONENT_CAMERA);
        labels.put(CAMERA_ID, Names.cameraId(camera));
        return labels;
    }

    /** Whether {@code object} carries every label of {@code selector} (an equality-based selector). */
    public static boolean selects(Map<String, String> selector, HasMetadata object) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return selector != null && labels != null && labels.entrySet().containsAll(selector.entrySet());
    }

    /**
     * What the relay's Service selects: the camera id alone, a label only the camera's relay pods
     * carry (recorder pods have recorder-for instead). The endpoint controllers match every pod
     * change against every Service's selector in the namespace, and every Service sync against
     * every pod; one key instead of three takes a good part of that work off the controller-manager
     * when a namespace holds hundreds of cameras. Not the Deployment's selector, which is immutable.
     */
    public static Map<String, String> relayServiceSelector(Camera camera) {
        return Map.of(CAMERA_ID, Names.cameraId(camera));
    }

    /** What the recorder's Service selects: recorder-for alone (see {@link #relayServiceSelector}). */
    public static Map<String, String> recorderServiceSelector(Camera camera) {
        return Map.of(RECORDER_FOR, Names.cameraId(camera));
    }

    public static Map<String, String> recorder(Camera camera) {
        Map<String, String> labels = recorderSelector(camera);
        labels.put(PROTOCOL, camera.getSpec().getProtocol().value());
        labels.putAll(common(camera, "recorder"));
        return labels;
    }

    /** Immutable selector of the recorder Deployment: its pods carry these labels. */
    public static Map<String, String> recorderSelector(Camera camera) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(APP, APP_VALUE);
        labels.put(COMPONENT, COMPONENT_RECORDER);
        labels.put(RECORDER_FOR, Names.cameraId(camera));
        return labels;
    }

    private static Map<String, String> common(Camera camera, String component) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(K8S_NAME, "falcon-eye-" + component);
        labels.put(K8S_INSTANCE, camera.getMetadata().getName());
        labels.put(K8S_COMPONENT, component);
        labels.put(K8S_PART_OF, APP_VALUE);
        labels.put(K8S_MANAGED_BY, MANAGED_BY_VALUE);
        return labels;
    }
}
