package io.falconeye.operator.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The settings in effect: the user-editable keys of the settings ConfigMap over the operator's
 * environment ({@link FalconEyeConfig}). This is the one place that names the ConfigMap's keys and
 * says how they merge; the reconcilers and the REST API's settings both go through it.
 *
 * <p>Merge rule: a key present in the ConfigMap wins over the environment, also when it is empty
 * (an empty node setting means "no default node, the scheduler decides", an empty JETSON_NODES
 * "no Jetson nodes"). A value that does not parse (a resolution that is not WxH, a framerate
 * outside 1-60, a timeout below 1 minute) is ignored and the environment's value applies, so a
 * hand-edited ConfigMap cannot stop reconciliation.
 *
 * <p>Resolution and framerate defaults apply to cameras whose spec leaves the field out; a camera
 * that sets them keeps its own. DEFAULT_RESOLUTION unset means the source's own size.
 *
 * @param env the operator's environment, for what the ConfigMap does not override (images, paths)
 */
public record EffectiveSettings(FalconEyeConfig env, Optional<String> defaultCameraNode,
        Optional<String> defaultRecorderNode, List<String> jetsonNodes, Optional<String> defaultResolution,
        int defaultFramerate, int creatingTimeoutMinutes) {

    public static final String DEFAULT_RESOLUTION = "DEFAULT_RESOLUTION";
    public static final String DEFAULT_FRAMERATE = "DEFAULT_FRAMERATE";
    public static final String DEFAULT_CAMERA_NODE = "DEFAULT_CAMERA_NODE";
    public static final String DEFAULT_RECORDER_NODE = "DEFAULT_RECORDER_NODE";
    public static final String JETSON_NODES = "JETSON_NODES";
    public static final String CREATING_TIMEOUT_MINUTES = "CREATING_TIMEOUT_MINUTES";
    /** The ConfigMap keys that change what the operator does. */
    public static final List<String> KEYS = List.of(DEFAULT_RESOLUTION, DEFAULT_FRAMERATE, DEFAULT_CAMERA_NODE,
            DEFAULT_RECORDER_NODE, JETSON_NODES, CREATING_TIMEOUT_MINUTES);

    public static final int MAX_CREATING_TIMEOUT_MINUTES = 120;

    private static final Pattern RESOLUTION = Pattern.compile("^[1-9][0-9]{1,4}x[1-9][0-9]{1,4}$");

    /** The environment alone (no settings ConfigMap). */
    public static EffectiveSettings of(FalconEyeConfig env) {
        return of(env, Map.of());
    }

    /** The ConfigMap's data (may be null) over the environment. */
    public static EffectiveSettings of(FalconEyeConfig env, Map<String, String> configMap) {
        Map<String, String> data = configMap == null ? Map.of() : configMap;
        return new EffectiveSettings(env,
                data.containsKey(DEFAULT_CAMERA_NODE) ? nonBlank(data.get(DEFAULT_CAMERA_NODE))
                        : env.defaultCameraNode().flatMap(EffectiveSettings::nonBlank),
                data.containsKey(DEFAULT_RECORDER_NODE) ? nonBlank(data.get(DEFAULT_RECORDER_NODE))
                        : env.defaultRecorderNode().flatMap(EffectiveSettings::nonBlank),
                data.containsKey(JETSON_NODES) ? list(data.get(JETSON_NODES))
                        : env.jetsonNodes().orElse(List.of()).stream().map(String::trim).filter(s -> !s.isEmpty()).toList(),
                data.containsKey(DEFAULT_RESOLUTION)
                        ? nonBlank(data.get(DEFAULT_RESOLUTION)).filter(r -> RESOLUTION.matcher(r).matches())
                                .or(() -> validResolution(env.defaultResolution()))
                        : validResolution(env.defaultResolution()),
                intIn(data.get(DEFAULT_FRAMERATE), 1, 60).orElse(env.defaultFramerate()),
                intIn(data.get(CREATING_TIMEOUT_MINUTES), 1, MAX_CREATING_TIMEOUT_MINUTES).orElse(env.creatingTimeoutMinutes()));
    }

    public Duration creatingTimeout() {
        return Duration.ofMinutes(creatingTimeoutMinutes);
    }

    public boolean isJetson(String node) {
        return jetsonNodes.contains(node);
    }

    /** A comma-separated list, trimmed, without empty entries. */
    public static List<String> list(String csv) {
        return csv == null || csv.isBlank() ? List.of()
                : Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static Optional<String> validResolution(Optional<String> value) {
        return value.flatMap(EffectiveSettings::nonBlank).filter(r -> RESOLUTION.matcher(r).matches());
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private static Optional<Integer> intIn(String value, int min, int max) {
        try {
            int n = Integer.parseInt(value == null ? "" : value.trim());
            return n >= min && n <= max ? Optional.of(n) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
