package io.falconeye.operator.db;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** The recording_sessions table (one row per Recording resource). */
@ApplicationScoped
public class SessionTable {

    private static final String UPSERT = """
            INSERT INTO recording_sessions (id, namespace, name, camera_name, camera_id, phase, node_name,
                started_at, ended_at, segments, bytes, current_file, message, created_at, resource_version)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
            ON CONFLICT (id) DO UPDATE SET camera_id = COALESCE(EXCLUDED.camera_id, recording_sessions.camera_id),
                phase = EXCLUDED.phase, node_name = EXCLUDED.node_name, started_at = EXCLUDED.started_at,
                ended_at = EXCLUDED.ended_at, segments = EXCLUDED.segments, bytes = EXCLUDED.bytes,
                current_file = EXCLUDED.current_file, message = EXCLUDED.message,
                resource_version = EXCLUDED.resource_version
            WHERE recording_sessions.resource_version < EXCLUDED.resource_version
            """;

    private final Database db;

    public SessionTable(Database db) {
        this.db = db;
    }

    public Uni<Void> upsert(SessionRow row) {
        List<Object> values = new ArrayList<>(Arrays.asList(row.id(), row.namespace(), row.name(), row.cameraName(),
                row.cameraId(), row.phase(), row.nodeName(), row.startedAt(), row.endedAt(), row.segments(),
                row.bytes(), row.currentFile(), row.message(), row.createdAt(), row.resourceVersion()));
        return db.pool().preparedQuery(UPSERT).execute(Tuple.from(values)).replaceWithVoid();
    }

    public Uni<Void> delete(String id) {
        return db.pool().preparedQuery("DELETE FROM recording_sessions WHERE id = $1").execute(Tuple.of(id))
                .replaceWithVoid();
    }

    public Uni<Integer> deleteAllExcept(Set<String> keep) {
        return db.pool().preparedQuery("DELETE FROM recording_sessions WHERE NOT (id = ANY($1))")
                .execute(Tuple.of(keep.toArray(String[]::new))).map(rows -> rows.rowCount());
    }
}
