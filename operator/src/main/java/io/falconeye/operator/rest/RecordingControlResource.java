package io.falconeye.operator.rest;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.falconeye.operator.api.Camera;
import io.falconeye.operator.api.Recording;
import io.falconeye.operator.api.RecordingSpec;
import io.falconeye.operator.cache.CameraCache;
import io.falconeye.operator.cache.RecordingCache;
import io.falconeye.operator.model.CameraStatuses;
import io.falconeye.operator.model.Conditions;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** /api/cameras/{id}/recording/start|stop|status: create and end Recording resources. */
@Path("/api/cameras/{id}/recording")
@Produces(MediaType.APPLICATION_JSON)
public class RecordingControlResource {

    private static final int RECORDER_RETRY_SECONDS = 5;

    private final CameraCache cameras;
    private final RecordingCache recordings;
    private final KubernetesClient client;

    public RecordingControlResource(CameraCache cameras, RecordingCache recordings, KubernetesClient client) {
        this.cameras = cameras;
        this.recordings = recordings;
        this.client = client;
    }

    @GET
    @Path("status")
    @Operation(summary = "Whether the camera is being recorded, and by which Recording")
    public Map<String, Object> status(@PathParam("id") String id) {
        Camera camera = camera(id);
        Optional<Recording> active = active(camera);
        Optional<Recording> latest = active.isPresent() ? active : recordings.ofCamera(
                camera.getMetadata().getNamespace(), camera.getMetadata().getName()).stream()
                .max(Comparator.comparing(r -> r.getMetadata().getCreationTimestamp()));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("camera_id", id);
        view.put("recording", active.isPresent());
        latest.ifPresent(r -> view.putAll(view(r)));
        if (latest.isEmpty()) {
            view.put("status", "idle");
        }
        return view;
    }

    @POST
    @Path("start")
    @Operation(summary = "Start recording (creates a Recording); 409 when one is active or the camera is stopped, "
            + "503 with Retry-After while the camera's recorder is still starting")
    public Response start(@PathParam("id") String id) {
        Camera camera = fresh(camera(id));
        Optional<Recording> active = active(camera);
        if (active.isPresent()) {
            throw ProblemException.conflict("camera is already being recorded (recording "
                    + active.get().getMetadata().getName() + "); stop it first");
        }
        if (!camera.getSpec().isEnabled()) {
            throw ProblemException.conflict("camera is stopped (disabled); start it first");
        }
        if (!recorderAvailable(camera)) {
            throw ProblemException.notYet("the camera's recorder is still starting; try again shortly",
                    RECORDER_RETRY_SECONDS);
        }
        Recording recording = new Recording();
        recording.getMetadata().setGenerateName(camera.getMetadata().getName() + "-");
        recording.getMetadata().setNamespace(camera.getMetadata().getNamespace());
        RecordingSpec spec = new RecordingSpec();
        spec.setCameraRef(camera.getMetadata().getName());
        recording.setSpec(spec);
        Recording created = client.resource(recording).create();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("camera_id", id);
        view.put("recording", true);
        view.putAll(view(created));
        return Response.status(201).entity(view).build();
    }

    @POST
    @Path("stop")
    @Operation(summary = "Stop the active recording; 409 when there is none")
    public Map<String, Object> stop(@PathParam("id") String id) {
        Camera camera = camera(id);
        Recording active = active(camera).orElseThrow(() -> ProblemException.conflict("camera is not being recorded"));
        Recording stopped = client.resources(Recording.class).inNamespace(active.getMetadata().getNamespace())
                .withName(active.getMetadata().getName())
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"stop\":true}}");
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("camera_id", id);
        view.put("recording", false);
        view.putAll(view(stopped));
        view.put("status", "stopping");
        return view;
    }

    /** From the informer cache: the operator's RecorderAvailable condition on the Camera. */
    private static boolean recorderAvailable(Camera camera) {
        return camera.getStatus() != null
                && Conditions.isTrue(camera.getStatus().getConditions(), CameraStatuses.RECORDER_AVAILABLE);
    }

    private Camera camera(String id) {
        Ids.requireUid("id", id);
        return cameras.byUid(id).orElseThrow(() -> ProblemException.notFound("camera " + id));
    }

    /**
     * The Camera as the API server has it now. A start decides on whether the camera is enabled, and
     * a stop the user made a moment ago may not have reached the informer cache yet. A camera deleted
     * and made again under the same name is another camera (another id): not found.
     */
    private Camera fresh(Camera cached) {
        String id = cached.getMetadata().getUid();
        Camera current = client.resource(cached).get();
        if (current == null || !id.equals(current.getMetadata().getUid())) {
            throw ProblemException.notFound("camera " + id);
        }
        return current;
    }

    /** A Recording of the camera that is neither finished nor asked to stop. */
    private Optional<Recording> active(Camera camera) {
        return recordings.ofCamera(camera.getMetadata().getNamespace(), camera.getMetadata().getName()).stream()
                .filter(r -> !r.getSpec().isStop())
                .filter(r -> r.getStatus() == null || r.getStatus().getPhase() == null || !r.getStatus().getPhase().isFinal())
                .findFirst();
    }

    private static Map<String, Object> view(Recording r) {
        Map<String, Object> view = new LinkedHashMap<>();
        var status = r.getStatus();
        view.put("recording_id", r.getMetadata().getUid());
        view.put("recording_name", r.getMetadata().getName());
        view.put("status", status == null || status.getPhase() == null ? "pending"
                : status.getPhase().name().toLowerCase(java.util.Locale.ROOT));
        view.put("start_time", status == null ? null : status.getStartedAt());
        String file = status == null ? null : status.getCurrentFile();
        view.put("file_path", file);
        view.put("file_name", file == null ? null : file.substring(file.lastIndexOf('/') + 1));
        view.put("node_name", status == null ? null : status.getNodeName());
        return view;
    }
}
