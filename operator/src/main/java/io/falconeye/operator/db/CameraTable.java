package io.falconeye.operator.db;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** The cameras table. Writes are idempotent and never go back in resourceVersion. */
@ApplicationScoped
public class CameraTable {

    private static final String UPSERT = """
            INSERT INTO cameras (id, namespace, name, protocol, location, source_url, device_path, node_name,
                deployment_name, service_name, stream_port, status, ready, enabled, resolution, framerate,
                recording_mode, metadata, error_message, created_at, updated_at, resource_version)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18::jsonb, $19, $20,
                now(), $21)
            ON CONFLICT (id) DO UPDATE SET namespace = EXCLUDED.namespace, name = EXCLUDED.name,
                protocol = EXCLUDED.protocol, location = EXCLUDED.location, source_url = EXCLUDED.source_url,
                device_path = EXCLUDED.device_path, node_name = EXCLUDED.node_name,
                deployment_name = EXCLUDED.deployment_name, service_name = EXCLUDED.service_name,
                stream_port = EXCLUDED.stream_port, status = EXCLUDED.status, ready = EXCLUDED.ready,
                enabled = EXCLUDED.enabled, resolution = EXCLUDED.resolution, framerate = EXCLUDED.framerate,
                recording_mode = EXCLUDED.recording_mode, metadata = EXCLUDED.metadata,
                error_message = EXCLUDED.error_message, updated_at = now(),
                resource_version = EXCLUDED.resource_version
            WHERE cameras.resource_version < EXCLUDED.resource_version
            """;

    private final Database db;

    public CameraTable(Database db) {
        this.db = db;
    }

    /**
     * Inserts or updates the row; a row already at this or a newer resourceVersion is left alone.
     * The camera exists (uids are never reused), so none of its recordings is camera_deleted.
     */
    public Uni<Void> upsert(CameraRow row) {
        List<Object> values = new ArrayList<>(Arrays.asList(row.id(), row.namespace(), row.name(), row.protocol(),
                row.location(), row.sourceUrl(), row.devicePath(), row.nodeName(), row.deploymentName(),
                row.serviceName(), row.streamPort(), row.status(), row.ready(), row.enabled(), row.resolution(),
                row.framerate(), row.recordingMode(), row.metadataJson(), row.errorMessage(), row.createdAt(),
                row.resourceVersion()));
        return db.pool().withTransaction(conn -> conn.preparedQuery(UPSERT).execute(Tuple.from(values))
                .chain(() -> conn.preparedQuery("UPDATE recordings SET camera_deleted = FALSE, updated_at = now() "
                        + "WHERE camera_id = $1 AND camera_deleted").execute(Tuple.of(row.id())))
                .replaceWithVoid());
    }

    /** Removes the camera's row and flags its recordings camera_deleted (they outlive the camera). */
    public Uni<Void> delete(String id) {
        return db.pool().withTransaction(conn -> conn
                .preparedQuery("UPDATE recordings SET camera_deleted = TRUE, updated_at = now() WHERE camera_id = $1")
                .execute(Tuple.of(id))
                .chain(() -> conn.preparedQuery("DELETE FROM cameras WHERE id = $1").execute(Tuple.of(id)))
                .replaceWithVoid());
    }

    /** Deletes (as {@link #delete}) every camera whose id is not in {@code keep}; returns how many. */
    public Uni<Integer> deleteAllExcept(Set<String> keep) {
        String[] ids = keep.toArray(String[]::new);
        return db.pool().withTransaction(conn -> conn
                .preparedQuery("UPDATE recordings SET camera_deleted = TRUE, updated_at = now() "
                        + "WHERE NOT camera_deleted AND NOT (camera_id = ANY($1))")
                .execute(Tuple.of(ids))
                .chain(() -> conn.preparedQuery("DELETE FROM cameras WHERE NOT (id = ANY($1))").execute(Tuple.of(ids)))
                .map(rows -> rows.rowCount()));
    }

    /** id, name and resourceVersion of every row, for checks and tests. */
    public Uni<List<CameraRowVersion>> versions() {
        return db.pool().query("SELECT id, name, status, resource_version FROM cameras ORDER BY id").execute()
                .map(rows -> {
                    List<CameraRowVersion> result = new ArrayList<>();
                    for (Row r : rows) {
                        result.add(new CameraRowVersion(r.getString("id"), r.getString("name"), r.getString("status"),
                                r.getLong("resource_version")));
                    }
                    return result;
                });
    }

    public record CameraRowVersion(String id, String name, String status, long resourceVersion) {
    }
}
