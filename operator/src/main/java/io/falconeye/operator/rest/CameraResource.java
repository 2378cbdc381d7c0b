package io.falconeye.operator.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.falconeye.operator.api.Camera;
import io.falconeye.operator.api.CameraAnnotations;
import io.falconeye.operator.api.CameraSource;
import io.falconeye.operator.api.SecretKeysRef;
import io.falconeye.operator.cache.CameraCache;
import io.falconeye.operator.cache.SettingsCache;
import io.falconeye.operator.config.ApiConfig;
import io.falconeye.operator.mirror.CameraProjection;
import io.falconeye.operator.model.Names;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * /api/cameras: reads come from the informer cache (one watch, no API call per camera); writes
 * change Camera resources and nothing else: the reconciler does the rest.
 */
@Path("/api/cameras")
@Produces(MediaType.APPLICATION_JSON)
public class CameraResource {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The camera states of the earlier API, in its order. */
    private static final List<String> STATUSES = List.of("pending", "creating", "running", "error", "stopped",
            "deleting");

    private final CameraCache cameras;
    private final KubernetesClient client;
    private final ApiConfig api;
    private final SettingsCache settings;
    private final CameraJsonCache json;

    public CameraResource(CameraCache cameras, KubernetesClient client, ApiConfig api, SettingsCache settings,
            CameraJsonCache json) {
        this.json = json;
        this.cameras = cameras;
        this.client = client;
        this.api = api;
        this.settings = settings;
    }

    public record CameraList(List<CameraView> cameras, int total) {
    }

    @GET
    @Operation(summary = "List cameras, optionally filtered by protocol, status and node")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CameraList.class)))
    public Response list(@QueryParam("protocol") String protocol, @QueryParam("status") String status,
            @QueryParam("node") String node) {
        if (protocol != null) {
            CameraSpecs.protocol(protocol);
        }
        if (status != null && !STATUSES.contains(status)) {
            throw ProblemException.badField("status", "must be one of " + STATUSES);
        }
        if (node != null) {
            Ids.requireNodeName("node", node);
        }
        byte[] body = protocol == null && status == null && node == null
                ? json.all(cameras.all(), defaults(), CameraResource::sorted)
                : json.list(sorted(cameras.all()), defaults(), c -> (protocol == null || protocol.equals(c.protocol()))
                        && (status == null || status.equals(c.status()))
                        && (node == null || node.equals(c.nodeName())));
        return Response.ok(body, MediaType.APPLICATION_JSON).build();
    }

    /** Oldest first, as the earlier API listed them. */
    private static List<Camera> sorted(List<Camera> cameras) {
        return cameras.stream()
                .sorted(Comparator.comparing((Camera c) -> c.getMetadata().getCreationTimestamp())
                        .thenComparing(c -> c.getMetadata().getName()))
                .toList();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One camera")
    public CameraView get(@PathParam("id") String id) {
        return view(find(id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a camera (writes a Camera resource); 409 when the name or source is taken")
    public Response create(CameraRequest request) {
        if (request == null) {
            throw ProblemException.badField("body", "a JSON object is required");
        }
        CameraSpecs.Parsed parsed = CameraSpecs.create(request);
        String displayName = CameraSpecs.requireName(request.name());
        String slug = CameraSpecs.slug(displayName);
        String namespace = api.namespace();
        if (cameras.byName(namespace, slug).isPresent()) {
            throw ProblemException.conflict("a camera named '" + displayName + "' already exists");
        }
        String source = CameraProjection.sourceUrl(parsed.spec());
        if (source != null && cameras.all().stream()
                .anyMatch(c -> source.equals(CameraProjection.sourceUrl(c.getSpec())))) {
            throw ProblemException.conflict("a camera with this source_url already exists");
        }
        if (parsed.hasCredentials()) {
            SecretKeysRef ref = new SecretKeysRef();
            ref.setName(credentialsSecret(slug));
            parsed.spec().setCredentialsSecretRef(ref);
        }
        Camera camera = new Camera();
        camera.getMetadata().setName(slug);
        camera.getMetadata().setNamespace(namespace);
        Map<String, String> annotations = new HashMap<>();
        annotations.put(CameraAnnotations.DISPLAY_NAME, displayName);
        annotations.put(CameraAnnotations.METADATA, metadata(request));
        camera.getMetadata().setAnnotations(annotations);
        camera.setSpec(parsed.spec());
        Camera created = client.resource(camera).create();
        if (parsed.hasCredentials()) {
            writeCredentials(created, parsed.username(), parsed.password());
        }
        return Response.created(URI.create("/api/cameras/" + Names.cameraId(created)))
                .entity(view(created)).build();
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change name, location, source, resolution, framerate or metadata")
    public CameraView patch(@PathParam("id") String id, CameraRequest request) {
        Camera camera = find(id);
        if (request == null) {
            throw ProblemException.badField("body", "a JSON object is required");
        }
        if (request.protocol() != null && !request.protocol().equals(camera.getSpec().getProtocol().value())) {
            throw ProblemException.badField("protocol", "cannot be changed; create a new camera");
        }
        String displayName = request.name() == null ? null : CameraSpecs.requireName(request.name());
        CameraSpecs.location(request.location());
        CameraSpecs.resolution(request.resolution());
        CameraSpecs.framerate(request.framerate());
        String metadata = request.metadata() == null ? null : metadata(request);
        CameraSource newSource = null;
        CameraSpecs.Parsed credentials = null;
        if (request.sourceUrl() != null) {
            if (!camera.getSpec().getProtocol().isNetwork()) {
                throw ProblemException.badField("source_url", "is not used by usb cameras; give device_path");
            }
            newSource = new CameraSource();
            credentials = CameraSpecs.source(camera.getSpec().getProtocol(), request.sourceUrl(), newSource);
        }
        if (request.devicePath() != null) {
            if (camera.getSpec().getProtocol().isNetwork()) {
                throw ProblemException.badField("device_path", "is only for usb cameras");
            }
            newSource = new CameraSource();
            newSource.setDevicePath(CameraSpecs.device(request.devicePath()));
        }
        if (request.nodeName() != null) {
            Ids.requireNodeName("node_name", request.nodeName());
        }
        CameraSource source = newSource;
        String user = request.username() != null ? request.username() : credentials == null ? null : credentials.username();
        String pass = request.password() != null ? request.password() : credentials == null ? null : credentials.password();
        Camera edited = CameraEdits.edit(client, camera, c -> {
                    if (displayName != null) {
                        annotations(c).put(CameraAnnotations.DISPLAY_NAME, displayName);
                    }
                    if (metadata != null) {
                        annotations(c).put(CameraAnnotations.METADATA, metadata);
                    }
                    if (request.location() != null) {
                        c.getSpec().setLocation(request.location());
                    }
                    if (request.resolution() != null) {
                        c.getSpec().setResolution(request.resolution());
                    }
                    if (request.framerate() != null) {
                        c.getSpec().setFramerate(request.framerate());
                    }
                    if (request.nodeName() != null) {
                        c.getSpec().setNodeName(request.nodeName());
                    }
                    if (request.enabled() != null) {
                        c.getSpec().setEnabled(request.enabled());
                    }
                    if (source != null) {
                        c.getSpec().setSource(source);
                    }
                    if ((user != null || pass != null) && c.getSpec().getCredentialsSecretRef() == null) {
                        SecretKeysRef ref = new SecretKeysRef();
                        ref.setName(credentialsSecret(c.getMetadata().getName()));
                        c.getSpec().setCredentialsSecretRef(ref);
                    }
                    return c;
                });
        if (user != null || pass != null) {
            writeCredentials(edited, user, pass);
        }
        return view(edited);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a camera; its recordings stay (camera_deleted)")
    public Response delete(@PathParam("id") String id) {
        Camera camera = find(id);
        client.resource(camera).delete();
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/start")
    @Operation(summary = "Enable the camera")
    public CameraView start(@PathParam("id") String id) {
        return setEnabled(find(id), true);
    }

    @POST
    @Path("{id}/stop")
    @Operation(summary = "Disable the camera: its relay and recorder are removed")
    public CameraView stop(@PathParam("id") String id) {
        return setEnabled(find(id), false);
    }

    @POST
    @Path("{id}/restart")
    @Operation(summary = "Restart the camera's pods")
    public CameraView restart(@PathParam("id") String id) {
        Camera camera = find(id);
        return view(restart(client, camera));
    }

    static Camera restart(KubernetesClient client, Camera camera) {
        String now = Instant.now().toString();
        return CameraEdits.edit(client, camera, c -> {
                    annotations(c).put(Camera.RESTARTED_AT_ANNOTATION, now);
                    return c;
                });
    }

    @GET
    @Path("{id}/stream-info")
    @Operation(summary = "Where and how to watch the camera")
    public Map<String, Object> streamInfo(@PathParam("id") String id) {
        CameraView view = view(find(id));
        Map<String, Object> info = new java.util.LinkedHashMap<>();
        info.put("camera_id", view.id());
        info.put("name", view.name());
        info.put("protocol", view.protocol());
        info.put("status", view.status());
        info.put("ready", view.k8sStatus().ready());
        info.put("stream_url", view.streamUrl());
        info.put("snapshot_url", "/api/cameras/" + view.id() + "/snapshot.jpg");
        info.put("stream_type", "mjpeg");
        info.put("content_type", "multipart/x-mixed-replace");
        info.put("resolution", view.resolution());
        info.put("framerate", view.framerate());
        return info;
    }

    private CameraView setEnabled(Camera camera, boolean enabled) {
        Camera edited = CameraEdits.edit(client, camera, c -> {
                    c.getSpec().setEnabled(enabled);
                    return c;
                });
        return view(edited);
    }

    private CameraView.Defaults defaults() {
        return CameraView.Defaults.of(settings.current());
    }

    private CameraView view(Camera camera) {
        return CameraView.of(camera, defaults());
    }

    Camera find(String id) {
        Ids.requireUid("id", id);
        return cameras.byUid(id).orElseThrow(() -> ProblemException.notFound("camera " + id));
    }

    static Map<String, String> annotations(Camera camera) {
        if (camera.getMetadata().getAnnotations() == null) {
            camera.getMetadata().setAnnotations(new HashMap<>());
        }
        return camera.getMetadata().getAnnotations();
    }

    static String credentialsSecret(String slug) {
        return "cam-" + slug + "-credentials";
    }

    private void writeCredentials(Camera camera, String username, String password) {
        Map<String, String> data = new HashMap<>();
        data.put("username", Objects.requireNonNullElse(username, ""));
        data.put("password", Objects.requireNonNullElse(password, ""));
        client.resource(new SecretBuilder().withNewMetadata()
                        .withName(camera.getSpec().getCredentialsSecretRef().getName())
                        .withNamespace(camera.getMetadata().getNamespace())
                        .addToLabels("app", "falcon-eye")
                        .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(camera.getApiVersion())
                                .withKind(camera.getKind()).withName(camera.getMetadata().getName())
                                .withUid(camera.getMetadata().getUid()).build())
                        .endMetadata()
                        .withType("Opaque")
                        .withStringData(data).build())
                .serverSideApply();
    }

    private static String metadata(CameraRequest request) {
        if (request.metadata() == null || request.metadata().isNull()) {
            return "{}";
        }
        if (!request.metadata().isObject()) {
            throw ProblemException.badField("metadata", "must be a JSON object");
        }
        try {
            String json = JSON.writeValueAsString(request.metadata());
            if (json.length() > 16_384) {
                throw ProblemException.badField("metadata", "must be at most 16 KiB");
            }
            return json;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ProblemException.badField("metadata", "must be a JSON object");
        }
    }
}
