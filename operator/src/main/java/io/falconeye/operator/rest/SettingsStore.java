package io.falconeye.operator.rest;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.falconeye.operator.config.ApiConfig;
import io.falconeye.operator.config.EffectiveSettings;
import io.falconeye.operator.config.FalconEyeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * User-editable settings, kept in a ConfigMap under the seed's names (DEFAULT_CAMERA_NODE, ...;
 * {@link EffectiveSettings} names the keys and merges them over the operator's environment, which
 * is what the reconcilers apply as soon as the ConfigMap changes); the chatbot's API key in a
 * Secret. Nothing here is cached: settings change rarely and are read on demand.
 */
@ApplicationScoped
public class SettingsStore {

    public static final String CHATBOT_TOOLS = "CHATBOT_TOOLS";
    public static final String API_KEY = "ANTHROPIC_API_KEY";
    public static final List<String> AVAILABLE_TOOLS =
            List.of("get_cameras", "get_camera_details", "get_cluster_nodes", "get_system_status", "get_settings");

    private final KubernetesClient client;
    private final ApiConfig api;
    private final FalconEyeConfig env;

    public SettingsStore(KubernetesClient client, ApiConfig api, FalconEyeConfig env) {
        this.client = client;
        this.api = api;
        this.env = env;
    }

    /** The settings in effect (defaultResolution null: the source's size) and the chatbot's. */
    public record Settings(String defaultResolution, Integer defaultFramerate, String defaultCameraNode,
            String defaultRecorderNode, List<String> jetsonNodes, int creatingTimeoutMinutes,
            List<String> enabledTools, boolean apiKeyConfigured) {
    }

    public Settings read() {
        Map<String, String> data = data();
        Secret secret = client.secrets().inNamespace(api.namespace()).withName(api.settingsSecret()).get();
        boolean key = secret != null && ((secret.getData() != null && notBlank(secret.getData().get(API_KEY)))
                || (secret.getStringData() != null && notBlank(secret.getStringData().get(API_KEY))));
        EffectiveSettings effective = EffectiveSettings.of(env, data);
        return new Settings(
                effective.defaultResolution().orElse(null),
                effective.defaultFramerate(),
                effective.defaultCameraNode().orElse(null),
                effective.defaultRecorderNode().orElse(null),
                effective.jetsonNodes(),
                effective.creatingTimeoutMinutes(),
                data.containsKey(CHATBOT_TOOLS) ? EffectiveSettings.list(data.get(CHATBOT_TOOLS)) : AVAILABLE_TOOLS,
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

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
