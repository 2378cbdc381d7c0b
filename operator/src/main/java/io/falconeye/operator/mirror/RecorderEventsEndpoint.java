package io.falconeye.operator.mirror;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.falconeye.operator.api.Camera;
import io.falconeye.operator.cache.CameraCache;
import io.falconeye.operator.config.ApiConfig;
import io.falconeye.operator.config.FalconEyeConfig;
import io.falconeye.operator.db.RecordingTable;
import io.falconeye.operator.rest.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Where recorders report their files. Authenticated by the shared token the recorder gets from
 * the Secret {@code falcon-eye.internal-token-secret} (key {@code token}) in its camera's namespace.
 */
@Path("/api/internal/recorder-events")
public class RecorderEventsEndpoint {

    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

    private final CameraCache cameras;
    private final KubernetesClient client;
    private final RecordingTable recordings;
    private final FalconEyeConfig config;
    private final ApiConfig api;
    private final io.falconeye.operator.db.Database db;

    public RecorderEventsEndpoint(CameraCache cameras, KubernetesClient client, RecordingTable recordings,
            FalconEyeConfig config, ApiConfig api, io.falconeye.operator.db.Database db) {
        this.db = db;
        this.cameras = cameras;
        this.client = client;
        this.recordings = recordings;
        this.config = config;
        this.api = api;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A recorder reports a file it started, finished, failed or deleted (internal)")
    public Response report(@HeaderParam("Authorization") String authorization, RecorderEvent event) {
        Optional<Camera> camera = event == null || event.cameraId() == null ? Optional.empty()
                : cameras.byUid(event.cameraId());
        String namespace = camera.map(c -> c.getMetadata().getNamespace()).orElse(api.namespace());
        if (!authorized(authorization, namespace)) {
            return Response.status(401).header("WWW-Authenticate", "Bearer").type("application/problem+json")
                    .entity(new io.falconeye.operator.rest.Problem("about:blank", "Unauthorized", 401,
                            "a valid Bearer token is required", "Authorization"))
                    .build();
        }
        RecorderEventProjection.Invalid invalid = RecorderEventProjection.check(event, api.recordingsMount());
        if (invalid != null) {
            throw ProblemException.badField(invalid.field(), invalid.reason());
        }
        try {
            db.ensureMigrated();
            switch (RecorderEventProjection.effect(event)) {
                case DELETE -> recordings.deleteByPath(RecorderEventProjection.canonicalPath(event.filePath(), api.recordingsMount())).await().atMost(WRITE_TIMEOUT);
                case UPSERT -> recordings.upsert(RecorderEventProjection.row(event, api.recordingsMount()))
                        .await().atMost(WRITE_TIMEOUT);
                case NONE -> { }
            }
        } catch (RuntimeException e) {
            org.jboss.logging.Logger.getLogger(RecorderEventsEndpoint.class).warnf("recorder event not stored: %s", e.toString());
            // The recorder keeps the event in its journal and sends it again.
            throw ProblemException.unavailable("the database is not available; retry later");
        }
        return Response.noContent().build();
    }

    private boolean authorized(String authorization, String namespace) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        Secret secret = client.secrets().inNamespace(namespace).withName(config.internalTokenSecret()).get();
        if (secret == null || secret.getData() == null || secret.getData().get("token") == null) {
            return false;
        }
        byte[] expected = Base64.getDecoder().decode(secret.getData().get("token"));
        byte[] given = authorization.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8);
        return expected.length > 0 && MessageDigest.isEqual(expected, given);
    }
}
