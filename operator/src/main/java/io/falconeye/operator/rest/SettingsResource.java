package io.falconeye.operator.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.falconeye.operator.api.Camera;
import io.falconeye.operator.cache.CameraCache;
import io.falconeye.operator.config.ApiConfig;
import io.falconeye.operator.config.EffectiveSettings;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** /api/settings: camera defaults, node roles, the chatbot; secrets are write-only. */
@Path("/api/settings")
@Produces(MediaType.APPLICATION_JSON)
public class SettingsResource {

    /** What DELETE /api/settings/cameras/all needs in ?confirm= to go ahead. */
    public static final String DELETE_ALL_CONFIRMATION = "delete-all-cameras";

    private final SettingsStore store;
    private final ApiConfig api;
    private final CameraCache cameras;
    private final KubernetesClient client;

    public SettingsResource(SettingsStore store, ApiConfig api, CameraCache cameras, KubernetesClient client) {
        this.store = store;
        this.api = api;
        this.cameras = cameras;
        this.client = client;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SettingsPatch(String defaultResolution, Integer defaultFramerate, String defaultCameraNode,
            String defaultRecorderNode, List<String> jetsonNodes, Integer creatingTimeoutMinutes,
            Chatbot chatbot) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Chatbot(String apiKey, List<String> enabledTools) {
    }

    @GET
    @Operation(summary = "Current settings (the API key only as api_key_configured)")
    public Map<String, Object> get() {
        return view(store.read());
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change settings; only the fields given change; empty strings clear node settings")
    public Map<String, Object> patch(SettingsPatch patch) {
        if (patch == null) {
            throw ProblemException.badField("body", "a JSON object is required");
        }
        Map<String, String> changes = new HashMap<>();
        if (patch.defaultResolution() != null) {
            changes.put(EffectiveSettings.DEFAULT_RESOLUTION, CameraSpecs.resolution(patch.defaultResolution()));
        }
        if (patch.defaultFramerate() != null) {
            CameraSpecs.framerate(patch.defaultFramerate());
            changes.put(EffectiveSettings.DEFAULT_FRAMERATE, String.valueOf(patch.defaultFramerate()));
        }
        if (patch.defaultCameraNode() != null) {
            changes.put(EffectiveSettings.DEFAULT_CAMERA_NODE, node("default_camera_node", patch.defaultCameraNode()));
        }
        if (patch.defaultRecorderNode() != null) {
            changes.put(EffectiveSettings.DEFAULT_RECORDER_NODE, node("default_recorder_node", patch.defaultRecorderNode()));
        }
        if (patch.jetsonNodes() != null) {
            patch.jetsonNodes().forEach(n -> Ids.requireNodeName("jetson_nodes", n));
            changes.put(EffectiveSettings.JETSON_NODES, String.join(",", patch.jetsonNodes()));
        }
        if (patch.creatingTimeoutMinutes() != null) {
            if (patch.creatingTimeoutMinutes() < 1 || patch.creatingTimeoutMinutes() > EffectiveSettings.MAX_CREATING_TIMEOUT_MINUTES) {
                throw ProblemException.badField("creating_timeout_minutes",
                        "must be between 1 and " + EffectiveSettings.MAX_CREATING_TIMEOUT_MINUTES);
            }
            changes.put(EffectiveSettings.CREATING_TIMEOUT_MINUTES, String.valueOf(patch.creatingTimeoutMinutes()));
        }
        if (patch.chatbot() != null && patch.chatbot().enabledTools() != null) {
            for (String tool : patch.chatbot().enabledTools()) {
                if (!SettingsStore.AVAILABLE_TOOLS.contains(tool)) {
                    throw ProblemException.badField("chatbot.enabled_tools", "'" + tool + "' is not one of "
                            + SettingsStore.AVAILABLE_TOOLS);
                }
            }
            changes.put(SettingsStore.CHATBOT_TOOLS, String.join(",", patch.chatbot().enabledTools()));
        }
        if (patch.chatbot() != null && patch.chatbot().apiKey() != null) {
            if (patch.chatbot().apiKey().isBlank() || patch.chatbot().apiKey().length() > 512) {
                throw ProblemException.badField("chatbot.api_key", "must be 1 to 512 characters");
            }
            store.writeApiKey(patch.chatbot().apiKey());
        }
        if (!changes.isEmpty()) {
            store.write(changes);
        }
        return view(store.read());
    }

    @POST
    @Path("restart-all")
    @Operation(summary = "Restart the pods of every camera of the installation's namespace")
    public Map<String, Object> restartAll() {
        List<Camera> all = installationCameras();
        all.forEach(c -> CameraResource.restart(client, c));
        return Map.of("restarted", all.size());
    }

    @DELETE
    @Path("cameras/all")
    @Operation(summary = "Delete every camera of the installation's namespace; needs ?confirm=delete-all-cameras")
    public Map<String, Object> deleteAll(@QueryParam("confirm") String confirm) {
        if (!DELETE_ALL_CONFIRMATION.equals(confirm)) {
            throw ProblemException.badField("confirm", "must be '" + DELETE_ALL_CONFIRMATION
                    + "' to delete every camera");
        }
        List<Camera> all = installationCameras();
        all.forEach(c -> client.resource(c).delete());
        return Map.of("deleted", all.size());
    }

    /** The cameras of this installation's namespace (where the API creates them). */
    private List<Camera> installationCameras() {
        return cameras.all().stream().filter(c -> api.namespace().equals(c.getMetadata().getNamespace())).toList();
    }

    private static String node(String field, String value) {
        return value.isEmpty() ? "" : Ids.requireNodeName(field, value);
    }

    private Map<String, Object> view(SettingsStore.Settings s) {
        Map<String, Object> chatbot = new LinkedHashMap<>();
        chatbot.put("api_key_configured", s.apiKeyConfigured());
        chatbot.put("enabled_tools", s.enabledTools());
        chatbot.put("available_tools", SettingsStore.AVAILABLE_TOOLS);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("default_resolution", s.defaultResolution());
        view.put("default_framerate", s.defaultFramerate());
        view.put("default_camera_node", s.defaultCameraNode());
        view.put("default_recorder_node", s.defaultRecorderNode());
        view.put("jetson_nodes", s.jetsonNodes());
        view.put("namespace", api.namespace());
        view.put("creating_timeout_minutes", s.creatingTimeoutMinutes());
        view.put("chatbot", chatbot);
        return view;
    }
}
