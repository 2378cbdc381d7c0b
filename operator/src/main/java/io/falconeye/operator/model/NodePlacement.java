package io.falconeye.operator.model;

import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.falconeye.operator.api.Camera;
import io.falconeye.operator.config.EffectiveSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The seed's node selection: usb relays on the camera's node, network relays on the camera's node,
 * else DEFAULT_CAMERA_NODE, else the scheduler; recorders on the camera's node, else
 * DEFAULT_RECORDER_NODE, else the scheduler. A pod pinned to a Jetson node tolerates its taint.
 */
public record NodePlacement(Optional<String> nodeName, List<Toleration> tolerations) {

    public static final String HOSTNAME_LABEL = "kubernetes.io/hostname";

    public static NodePlacement relay(Camera camera, EffectiveSettings settings) {
        return pinnedTo(cameraNode(camera).or(settings::defaultCameraNode), settings);
    }

    public static NodePlacement recorder(Camera camera, EffectiveSettings settings) {
        return pinnedTo(cameraNode(camera).or(settings::defaultRecorderNode), settings);
    }

    private static NodePlacement pinnedTo(Optional<String> node, EffectiveSettings settings) {
        boolean jetson = node.map(settings::isJetson).orElse(false);
        return new NodePlacement(node, jetson ? List.of(jetsonToleration()) : List.of());
    }

    public static Toleration jetsonToleration() {
        return new TolerationBuilder()
                .withKey("dedicated").withOperator("Equal").withValue("jetson").withEffect("NoSchedule")
                .build();
    }

    /** nodeSelector of the pod: empty when the scheduler decides. */
    public Map<String, String> nodeSelector() {
        return nodeName.map(n -> Map.of(HOSTNAME_LABEL, n)).orElse(Map.of());
    }

    private static Optional<String> cameraNode(Camera camera) {
        return Optional.ofNullable(camera.getSpec().getNodeName()).filter(n -> !n.isBlank());
    }
}
