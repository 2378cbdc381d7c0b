package io.falconeye.operator.mirror;

import io.falconeye.operator.api.Camera;
import io.falconeye.operator.api.CameraAnnotations;
import io.falconeye.operator.api.CameraSource;
import io.falconeye.operator.api.CameraSpec;
import io.falconeye.operator.api.CameraStatus;
import io.falconeye.operator.api.Condition;
import io.falconeye.operator.db.CameraRow;
import io.falconeye.operator.model.CameraStatuses;
import io.falconeye.operator.model.Conditions;
import io.falconeye.operator.model.Names;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Map;

/** Camera resource -> cameras row; pure. */
public final class CameraProjection {

    private CameraProjection() {
    }

    public static CameraRow row(Camera camera) {
        CameraSpec spec = camera.getSpec();
        CameraStatus status = camera.getStatus();
        Map<String, String> annotations = camera.getMetadata().getAnnotations();
        String metadata = annotations == null ? null : annotations.get(CameraAnnotations.METADATA);
        CameraSource source = spec.getSource();
        return new CameraRow(
                camera.getMetadata().getUid(),
                camera.getMetadata().getNamespace(),
                camera.getMetadata().getName(),
                spec.getProtocol().value(),
                spec.getLocation(),
                sourceUrl(spec),
                source == null ? null : source.getDevicePath(),
                status != null && status.getNodeName() != null ? status.getNodeName() : spec.getNodeName(),
                Names.relayDeployment(camera),
                Names.relayService(camera),
                Names.RELAY_PORT,
                status(camera),
                status != null && Conditions.isTrue(status.getConditions(), CameraStatuses.READY),
                spec.isEnabled(),
                spec.getResolution(),
                spec.getFramerate(),
                spec.getRecording() == null || spec.getRecording().getMode() == null ? "off"
                        : spec.getRecording().getMode().value(),
                metadata == null || metadata.isBlank() ? "{}" : metadata,
                errorMessage(camera),
                OffsetDateTime.parse(camera.getMetadata().getCreationTimestamp()),
                resourceVersion(camera.getMetadata().getResourceVersion()));
    }

    /** The earlier API's status words: pending, creating, running, error, stopped, deleting. */
    public static String status(Camera camera) {
        if (camera.getMetadata().getDeletionTimestamp() != null) {
            return "deleting";
        }
        CameraStatus status = camera.getStatus();
        if (status == null || status.getPhase() == null) {
            return "pending";
        }
        return status.getPhase().name().toLowerCase(Locale.ROOT);
    }

    /** The Ready condition's message while the camera is in error. */
    public static String errorMessage(Camera camera) {
        if (!"error".equals(status(camera))) {
            return null;
        }
        return Conditions.find(camera.getStatus().getConditions(), CameraStatuses.READY)
                .map(Condition::getMessage).orElse(null);
    }

    /** Where the video comes from, as one URL (never with credentials: the CRD forbids them in urls). */
    public static String sourceUrl(CameraSpec spec) {
        CameraSource source = spec.getSource();
        if (source == null) {
            return null;
        }
        if (source.getUrl() != null) {
            return source.getUrl();
        }
        if (source.getHost() != null) {
            return "onvif://" + source.getHost() + (source.getPort() == null ? "" : ":" + source.getPort())
                    + (source.getProfile() == null ? "" : "/" + source.getProfile());
        }
        return null;
    }

    /** Kubernetes resourceVersions are etcd revisions: numbers that grow with every write. */
    static long resourceVersion(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("resourceVersion is not a number: " + value, e);
        }
    }
}
