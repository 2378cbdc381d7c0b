package io.falconeye.operator.rest;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.falconeye.operator.config.ApiConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * User-editable settings, kept in a ConfigMap under the seed's names (DEFAULT_CAMERA_NODE, ...) so
 * the chart can hand the same ConfigMap to the operator as environment; the chatbot's API key in
 * a Secret. Nothing here is cached: settings change rarely and are read on demand.
 */
@ApplicationScoped
public class SettingsStore {

    public static final String DEFAULT_RESOLUTION = "DEFAULT_RESOLUTION";
    public static final String DEFAULT_FRAMERATE = "DEFAULT_FRAMERATE";
    public static final String DEFAULT_CAMERA_NODE = "DEFAULT_CAMERA_NODE";
    public static final String DEFAULT_RECORDER_NODE = "DEFAULT_RECORDER_NODE";
    public static final String JETSON_NODES = "JETSON_NODES";
    public static final String CREATING_TIMEOUT_MINUTES = "CREATING_TIMEOUT_MINUTES";
    public static final String CHATBOT_TOOLS = "CHATBOT_TOOLS";
    public static final String API_KEY = "ANTHROPIC_API_KEY";
    public static final List<String> AVAILABLE_TOOLS =
            List.of("get_cameras", "get_camera_details", "get_cluster_nodes", "get_system_status", "get_settings");

    private final KubernetesClient client;
    private final ApiConfig api;

    public SettingsStore(KubernetesClient client, ApiConfig api) {
        this.client = client;
        this.api = api;
    }

    public record Settings(String defaultResolution, Integer defaultFramerate, String defaultCameraNode,
            String defaultRecorderNode, List<String> jetsonNodes, int creatingTimeoutMinutes,
            List<String> enabledTools, boolean apiKeyConfigured) {
    }

    public Settings read() {
        Map<String, String> data = data();
        Secret secret = client.secrets().inNamespace(api.namespace()).withName(api.settingsSecret()).get();
        boolean key = secret != null && ((secret.getData() != null && notBlank(secret.getData().get(API_KEY)))
                || (secret.getStringData() != null && notBlank(secret.getStringData().get(API_KEY))));
        return new Settings(
                data.getOrDefault(DEFAULT_RESOLUTION, "640x480"),
                Integer.parseInt(data.getOrDefault(DEFAULT_FRAMERATE, "15")),
                blankToNull(data.get(DEFAULT_CAMERA_NODE)),
                blankToNull(data.get(DEFAULT_RECORDER_NODE)),
                list(data.get(JETSON_NODES)),
                Integer.parseInt(data.getOrDefault(CREATING_TIMEOUT_MINUTES, "5")),
                data.containsKey(CHATBOT_TOOLS) ? list(data.get(CHATBOT_TOOLS)) : AVAILABLE_TOOLS,
                key);
    }

    /** Writes the given keys (null values remove the key) into the ConfigMap. */
    public void write(Map<String, String> changes) {
        Map<String, String> data = new HashMap<>(data());
        changes.forEach((k, v) -> {
            if (v == null) {
                data.remove(k);
            } else {
                data.put(k, v);
            }
        });
        client.resource(new ConfigMapBuilder().withNewMetadata().withName(api.settingsConfigMap())
                .withNamespace(api.namespace()).addToLabels("app", "falcon-eye").endMetadata()
                .withData(data).build()).serverSideApply();
    }

    public void writeApiKey(String key) {
        client.resource(new SecretBuilder().withNewMetadata().withName(api.settingsSecret())
                .withNamespace(api.namespace()).addToLabels("app", "falcon-eye").endMetadata()
                .withType("Opaque").withStringData(Map.of(API_KEY, key)).build()).serverSideApply();
    }

    private Map<String, String> data() {
        ConfigMap map = client.configMaps().inNamespace(api.namespace()).withName(api.settingsConfigMap()).get();
        return map == null || map.getData() == null ? Map.of() : map.getData();
    }

    static List<String> list(String csv) {
        return csv == null || csv.isBlank() ? List.of()
                : Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
