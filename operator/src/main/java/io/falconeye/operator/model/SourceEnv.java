package io.falconeye.operator.model;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.falconeye.operator.api.Camera;
import io.falconeye.operator.api.CameraSource;
import io.falconeye.operator.api.SecretKeysRef;
import java.util.ArrayList;
import java.util.List;

/** Env shared by relay and recorder: how to reach the camera, and its credentials as Secret references. */
final class SourceEnv {

    static final int DEFAULT_ONVIF_PORT = 80;

    private SourceEnv() {
    }

    /** The URL the relay and recorder open: the camera's own url, or onvif://host:port. Null for usb. */
    static String networkSourceUrl(Camera camera) {
        CameraSource source = camera.getSpec().getSource();
        return switch (camera.getSpec().getProtocol()) {
            case RTSP, HTTP -> source.getUrl();
            case ONVIF -> "onvif://" + source.getHost() + ":"
                    + (source.getPort() == null ? DEFAULT_ONVIF_PORT : source.getPort());
            case USB -> null;
        };
    }

    static EnvVar plain(String name, Object value) {
        return new EnvVarBuilder().withName(name).withValue(String.valueOf(value)).build();
    }

    /** CAMERA_USERNAME / CAMERA_PASSWORD from the camera's Secret; nothing when it has none. */
    static List<EnvVar> credentials(Camera camera) {
        SecretKeysRef ref = camera.getSpec().getCredentialsSecretRef();
        List<EnvVar> env = new ArrayList<>();
        if (ref == null) {
            return env;
        }
        env.add(fromSecret("CAMERA_USERNAME", ref.getName(), orDefault(ref.getUsernameKey(), "username"), false));
        env.add(fromSecret("CAMERA_PASSWORD", ref.getName(), orDefault(ref.getPasswordKey(), "password"), false));
        return env;
    }

    static EnvVar fromSecret(String name, String secret, String key, boolean optional) {
        return new EnvVarBuilder().withName(name)
                .withNewValueFrom().withNewSecretKeyRef(key, secret, optional).endValueFrom()
                .build();
    }

    /** Width and height of "WxH", or null when no resolution is asked for. */
    static int[] size(String resolution) {
        if (resolution == null || resolution.isBlank()) {
            return null;
        }
        String[] parts = resolution.split("x");
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
