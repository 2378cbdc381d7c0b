package io.falconeye.operator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.falconeye.operator.api.Camera;
import io.falconeye.operator.api.CameraAnnotations;
import io.falconeye.operator.api.Condition;
import io.falconeye.operator.mirror.CameraProjection;
import io.falconeye.operator.model.CameraStatuses;
import io.falconeye.operator.model.Conditions;
import io.falconeye.operator.model.Names;
import java.util.Map;

/** A camera as the REST API shows it: the earlier API's fields, never its credentials. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CameraView(
        String id,
        String name,
        String slug,
        String namespace,
        String protocol,
        String location,
        String sourceUrl,
        String devicePath,
        String nodeName,
        String deploymentName,
        String serviceName,
        int streamPort,
        Integer controlPort,
        String status,
        boolean enabled,
        String resolution,
        Integer framerate,
        String recordingMode,
        JsonNode metadata,
        boolean hasCredentials,
        String errorMessage,
        String createdAt,
        String updatedAt,
        String streamUrl,
        K8sStatus k8sStatus) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The relay's state in the shape of the earlier API (one replica per relay Deployment). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record K8sStatus(boolean ready, int replicas, int readyReplicas, int availableReplicas) {
    }

    /**
     * What a camera that leaves resolution or framerate out gets from the operator (the settings in
     * effect; resolution null: the source's own size), shown in its place as the earlier API did.
     */
    public record Defaults(String resolution, int framerate) {
        public static Defaults of(io.falconeye.operator.config.EffectiveSettings settings) {
            return new Defaults(settings.defaultResolution().orElse(null), settings.defaultFramerate());
        }
    }

    public static CameraView of(Camera camera, Defaults defaults) {
        Map<String, String> annotations = camera.getMetadata().getAnnotations() == null ? Map.of()
                : camera.getMetadata().getAnnotations();
        var spec = camera.getSpec();
        var status = camera.getStatus();
        boolean relayUp = status != null && Conditions.isTrue(status.getConditions(), CameraStatuses.RELAY_AVAILABLE);
        int replicas = spec.isEnabled() ? 1 : 0;
        int up = relayUp ? 1 : 0;
        return new CameraView(
                Names.cameraId(camera),
                annotations.getOrDefault(CameraAnnotations.DISPLAY_NAME, camera.getMetadata().getName()),
                camera.getMetadata().getName(),
                camera.getMetadata().getNamespace(),
                spec.getProtocol().value(),
                spec.getLocation(),
                CameraProjection.sourceUrl(spec),
                spec.getSource() == null ? null : spec.getSource().getDevicePath(),
                status != null && status.getNodeName() != null ? status.getNodeName() : spec.getNodeName(),
                Names.relayDeployment(camera),
                Names.relayService(camera),
                Names.RELAY_PORT,
                null,
                CameraProjection.status(camera),
                spec.isEnabled(),
                spec.getResolution() != null ? spec.getResolution() : defaults.resolution(),
                spec.getFramerate() != null ? spec.getFramerate() : defaults.framerate(),
                spec.getRecording() == null || spec.getRecording().getMode() == null ? "off"
                        : spec.getRecording().getMode().value(),
                metadata(annotations.get(CameraAnnotations.METADATA)),
                spec.getCredentialsSecretRef() != null,
                CameraProjection.errorMessage(camera),
                camera.getMetadata().getCreationTimestamp(),
                updatedAt(camera),
                Names.streamPath(camera),
                new K8sStatus(relayUp && spec.isEnabled(), replicas, up, up));
    }

    private static JsonNode metadata(String json) {
        try {
            return json == null || json.isBlank() ? JSON.createObjectNode() : JSON.readTree(json);
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }

    /** The newest condition change, else the creation time. */
    private static String updatedAt(Camera camera) {
        String newest = camera.getMetadata().getCreationTimestamp();
        if (camera.getStatus() != null && camera.getStatus().getConditions() != null) {
            for (Condition c : camera.getStatus().getConditions()) {
                if (c.getLastTransitionTime() != null && c.getLastTransitionTime().compareTo(newest) > 0) {
                    newest = c.getLastTransitionTime();
                }
            }
        }
        return newest;
    }
}
