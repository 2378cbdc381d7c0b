package io.falconeye.operator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.List;
import java.util.Optional;

/**
 * Everything the operator can be told, in one place. The seed's environment names are kept:
 * DEFAULT_CAMERA_NODE, DEFAULT_RECORDER_NODE, JETSON_NODES, DEFAULT_RESOLUTION, DEFAULT_FRAMERATE and
 * CREATING_TIMEOUT_MINUTES map to the properties below. Those six are only defaults: the settings
 * ConfigMap overrides them while the operator runs (see {@link EffectiveSettings}).
 */
@ConfigMapping(prefix = "falcon-eye")
public interface FalconEyeConfig {

    /** Node for network cameras' relays when a camera names none; the scheduler decides when empty. */
    @WithName("default-camera-node")
    Optional<String> defaultCameraNode();

    /** Node for recorders of cameras without a node; the scheduler decides when empty. */
    @WithName("default-recorder-node")
    Optional<String> defaultRecorderNode();

    /** Nodes tainted dedicated=jetson:NoSchedule; pods pinned to them get the toleration. */
    @WithName("jetson-nodes")
    Optional<List<String>> jetsonNodes();

    /** Output size (WxH) of cameras that set no spec.resolution; the source's size when empty. */
    @WithName("default-resolution")
    Optional<String> defaultResolution();

    /** Frames per second of cameras that set no spec.framerate. */
    @WithName("default-framerate")
    @WithDefault("15")
    int defaultFramerate();

    /** A camera not Ready this many minutes after it started creating goes to phase Error. */
    @WithName("creating-timeout-minutes")
    @WithDefault("5")
    int creatingTimeoutMinutes();

    /** Container image of the relay. */
    @WithName("relay-image")
    @WithDefault("ghcr.io/falcon-eye/relay:0.1.0")
    String relayImage();

    /** Container image of the recorder. */
    @WithName("recorder-image")
    @WithDefault("ghcr.io/falcon-eye/recorder:0.1.0")
    String recorderImage();

    /** URL of the Falcon-Eye API that recorders report their events to. */
    @WithName("api-url")
    @WithDefault("http://falcon-eye-api.falcon-eye.svc:8000")
    String apiUrl();

    /** Secret (in each camera's namespace) holding the token recorders use on the internal API. */
    @WithName("internal-token-secret")
    @WithDefault("falcon-eye-internal")
    String internalTokenSecret();

    /** Directory on each node under which every camera's recordings live. */
    @WithName("recordings-host-path")
    @WithDefault("/data/falcon-eye/recordings")
    String recordingsHostPath();

    /** Minimum free bytes the recorder keeps on the node's disk (deleting the oldest files). */
    @WithName("min-free-bytes")
    @WithDefault("2147483648")
    long minFreeBytes();
}
