package io.falconeye.operator.model;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.falconeye.operator.api.Camera;
import io.falconeye.operator.api.CameraSource;
import io.falconeye.operator.api.CameraSpec;
import io.falconeye.operator.api.Protocol;
import io.falconeye.operator.api.SecretKeysRef;
import io.falconeye.operator.config.EffectiveSettings;
import io.falconeye.operator.config.FalconEyeConfig;
import java.util.List;
import java.util.Optional;

/** Cameras and configurations for the pure builder tests. */
public final class TestCameras {

    public static final String UID = "6f1c1a2e-0000-4000-8000-000000000001";

    private TestCameras() {
    }

    public static Camera camera(String name, Protocol protocol) {
        Camera camera = new Camera();
        camera.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("video").withUid(UID)
                .withGeneration(1L).build());
        CameraSpec spec = new CameraSpec();
        spec.setProtocol(protocol);
        CameraSource source = new CameraSource();
        switch (protocol) {
            case USB -> {
                source.setDevicePath("/dev/video2");
                spec.setNodeName("node-a");
            }
            case RTSP -> source.setUrl("rtsp://10.0.0.5:554/live");
            case HTTP -> source.setUrl("http://10.0.0.6/video.mjpg");
            case ONVIF -> {
                source.setHost("10.0.0.7");
                source.setPort(8899);
            }
        }
        spec.setSource(source);
        camera.setSpec(spec);
        return camera;
    }

    public static Camera withCredentials(Camera camera) {
        SecretKeysRef ref = new SecretKeysRef();
        ref.setName("cam-secret");
        camera.getSpec().setCredentialsSecretRef(ref);
        return camera;
    }

    /** Settings with the environment alone (no settings ConfigMap). */
    public static EffectiveSettings config(String defaultCameraNode, String defaultRecorderNode, List<String> jetsons) {
        return EffectiveSettings.of(env(defaultCameraNode, defaultRecorderNode, jetsons));
    }

    public static FalconEyeConfig env(String defaultCameraNode, String defaultRecorderNode, List<String> jetsons) {
        return new FalconEyeConfig() {
            public Optional<String> defaultCameraNode() { return Optional.ofNullable(defaultCameraNode); }
            public Optional<String> defaultRecorderNode() { return Optional.ofNullable(defaultRecorderNode); }
            public Optional<List<String>> jetsonNodes() { return Optional.ofNullable(jetsons); }
            public Optional<String> defaultResolution() { return Optional.empty(); }
            public int defaultFramerate() { return 15; }
            public int creatingTimeoutMinutes() { return 5; }
            public String relayImage() { return "relay:test"; }
            public String recorderImage() { return "recorder:test"; }
            public String apiUrl() { return "http://api:8000"; }
            public String internalTokenSecret() { return "internal"; }
            public String recordingsHostPath() { return "/data/falcon-eye/recordings/"; }
            public long minFreeBytes() { return 1024; }
        };
    }

    public static EffectiveSettings config() {
        return config(null, null, null);
    }
}
