package io.falconeye.operator.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.falconeye.operator.cluster.ServiceEndpoint;
import io.falconeye.operator.config.ApiConfig;
import io.falconeye.operator.db.RecordingFileRow;
import io.falconeye.operator.db.RecordingTable;
import io.falconeye.operator.mirror.RecorderEventProjection;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** /api/recordings: one entry per file, from PostgreSQL. */
@Path("/api/recordings")
@Produces(MediaType.APPLICATION_JSON)
public class RecordingResource {

    private static final Duration DB_TIMEOUT = Duration.ofSeconds(10);
    private static final Set<String> STATUSES = Set.of("recording", "stopped", "completed", "failed", "error");

    private final RecordingTable recordings;
    private final FileServers fileServers;
    private final UpstreamProxy proxy;
    private final ApiConfig api;

    public RecordingResource(RecordingTable recordings, FileServers fileServers, UpstreamProxy proxy, ApiConfig api) {
        this.recordings = recordings;
        this.fileServers = fileServers;
        this.proxy = proxy;
        this.api = api;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RecordingView(String id, String cameraId, String cameraName, String recordingId, String filePath,
            String fileName, String startTime, String endTime, Double durationSeconds, Long fileSizeBytes,
            String status, String errorMessage, String nodeName, boolean cameraDeleted, String downloadUrl) {

        static RecordingView of(RecordingFileRow r) {
            return new RecordingView(r.id(), r.cameraId(), r.cameraName(), r.sessionId(), r.filePath(), r.fileName(),
                    r.startTime() == null ? null : r.startTime().toInstant().toString(),
                    r.endTime() == null ? null : r.endTime().toInstant().toString(), r.durationSeconds(),
                    r.fileSizeBytes(), r.status(), r.errorMessage(), r.nodeName(), r.cameraDeleted(),
                    "/api/recordings/" + r.id() + "/download");
        }
    }

    public record RecordingList(List<RecordingView> recordings, long count, long total, int limit, int offset) {
    }

    @GET
    @Operation(summary = "Recorded files, newest first; filter by camera_id and status; page with limit/offset")
    public RecordingList list(@QueryParam("camera_id") String cameraId, @QueryParam("status") String status,
            @QueryParam("limit") @DefaultValue("100") String limitParam,
            @QueryParam("offset") @DefaultValue("0") String offsetParam) {
        int limit = integer("limit", limitParam);
        int offset = integer("offset", offsetParam);
        if (cameraId != null) {
            Ids.requireUid("camera_id", cameraId);
        }
        if (status != null && !STATUSES.contains(status)) {
            throw ProblemException.badField("status", "must be one of " + STATUSES);
        }
        if (limit < 1 || limit > 1000) {
            throw ProblemException.badField("limit", "must be between 1 and 1000");
        }
        if (offset < 0) {
            throw ProblemException.badField("offset", "must not be negative");
        }
        RecordingTable.Page page = db(() -> recordings.list(cameraId, status, limit, offset));
        List<RecordingView> views = page.rows().stream().map(RecordingView::of).toList();
        return new RecordingList(views, views.size(), page.total(), limit, offset);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One recorded file")
    public RecordingView get(@PathParam("id") String id) {
        return RecordingView.of(find(id));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete the file on every node that holds it (unless delete_file=false), then its entry")
    public Response delete(@PathParam("id") String id,
            @QueryParam("delete_file") @DefaultValue("true") String deleteFileParam) {
        // strict: JAX-RS would read "yes" as false and leave the file on the node
        boolean deleteFile = switch (deleteFileParam.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.badField("delete_file", "must be true or false");
        };
        RecordingFileRow row = find(id);
        if (deleteFile) {
            deleteFile(row);
        }
        db(() -> recordings.delete(row.id()));
        return Response.noContent().build();
    }

    /** Query parameters are read as text, so that "limit=ten" is a 400 naming the field (not JAX-RS' 404). */
    private static int integer(String field, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badField(field, "must be a whole number");
        }
    }

    RecordingFileRow find(String id) {
        Ids.requireUid("id", id);
        return db(() -> recordings.get(id)).orElseThrow(() -> ProblemException.notFound("recording " + id));
    }

    /** DELETE on each node's file server (the recording's node first); 404 means not there. */
    private void deleteFile(RecordingFileRow row) {
        String relative = RecorderEventProjection.relativePath(row.filePath(), api.recordingsMount());
        if (relative == null) {
            return;
        }
        for (ServiceEndpoint server : fileServers.nodeFirst(row.nodeName())) {
            int code;
            try {
                HttpClientResponse answer = proxy.send(server, HttpMethod.DELETE, "/" + relative, null)
                        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                code = answer.statusCode();
                answer.request().reset();
            } catch (Exception e) {
                throw new ProblemException(502, "the file server on node " + server.nodeName()
                        + " did not answer; the recording was kept", null);
            }
            if (code != 404 && code / 100 != 2) {
                throw new ProblemException(502, "the file server on node " + server.nodeName()
                        + " refused to delete the file (HTTP " + code + "); the recording was kept", null);
            }
        }
    }

    static <T> T db(java.util.function.Supplier<io.smallrye.mutiny.Uni<T>> query) {
        try {
            return query.get().await().atMost(DB_TIMEOUT);
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            throw ProblemException.unavailable("the recordings database is not available; try again later");
        }
    }
}
