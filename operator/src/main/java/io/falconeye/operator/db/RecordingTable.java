package io.falconeye.operator.db;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The recordings table: one row per file, unique by file path. */
@ApplicationScoped
public class RecordingTable {

    /**
     * Later facts win, earlier ones fill gaps: a finished file never goes back to "recording", and a
     * value a newer event left out is kept. Repeating an event changes nothing. A file first heard of
     * after its camera's row is gone (the recorder closes its last segment after the Camera was
     * deleted) is born camera_deleted; {@link CameraTable#upsert} clears the flag should the camera's
     * row only be arriving late (after a database outage).
     */
    private static final String UPSERT = """
            INSERT INTO recordings (id, file_path, file_name, camera_id, camera_name, session_id, node_name,
                start_time, end_time, duration_seconds, file_size_bytes, status, error_message, camera_deleted)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,
                NOT EXISTS (SELECT 1 FROM cameras WHERE cameras.id = $4))
            ON CONFLICT (file_path) DO UPDATE SET
                camera_name = COALESCE(EXCLUDED.camera_name, recordings.camera_name),
                session_id = COALESCE(EXCLUDED.session_id, recordings.session_id),
                node_name = COALESCE(EXCLUDED.node_name, recordings.node_name),
                start_time = COALESCE(recordings.start_time, EXCLUDED.start_time),
                end_time = CASE WHEN recordings.status = 'recording' THEN COALESCE(EXCLUDED.end_time, recordings.end_time)
                                ELSE COALESCE(recordings.end_time, EXCLUDED.end_time) END,
                duration_seconds = CASE WHEN recordings.status = 'recording'
                                THEN COALESCE(EXCLUDED.duration_seconds, recordings.duration_seconds)
                                ELSE COALESCE(recordings.duration_seconds, EXCLUDED.duration_seconds) END,
                file_size_bytes = GREATEST(recordings.file_size_bytes, EXCLUDED.file_size_bytes),
                status = CASE WHEN recordings.status = 'recording' THEN EXCLUDED.status ELSE recordings.status END,
                error_message = COALESCE(EXCLUDED.error_message, recordings.error_message),
                updated_at = now()
            """;
    private static final String COLUMNS = "id, file_path, file_name, camera_id, camera_name, session_id, node_name, "
            + "start_time, end_time, duration_seconds, file_size_bytes, status, error_message, camera_deleted";

    private final Database db;

    public RecordingTable(Database db) {
        this.db = db;
    }

    public Uni<Void> upsert(RecordingFileRow row) {
        List<Object> values = new ArrayList<>(Arrays.asList(row.id(), row.filePath(), row.fileName(), row.cameraId(),
                row.cameraName(), row.sessionId(), row.nodeName(), row.startTime(), row.endTime(),
                row.durationSeconds(), row.fileSizeBytes(), row.status(), row.errorMessage()));
        return db.pool().preparedQuery(UPSERT).execute(Tuple.from(values)).replaceWithVoid();
    }

    /** Files of a session that are still "recording" take the session's final status. */
    public Uni<Void> finishSession(String sessionId, String status, OffsetDateTime endedAt) {
        return db.pool().preparedQuery("UPDATE recordings SET status = $2, end_time = COALESCE(end_time, $3), "
                        + "updated_at = now() WHERE session_id = $1 AND status = 'recording'")
                .execute(Tuple.of(sessionId, status, endedAt)).replaceWithVoid();
    }

    public Uni<Optional<RecordingFileRow>> get(String id) {
        return db.pool().preparedQuery("SELECT " + COLUMNS + " FROM recordings WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
    }

    public record Page(List<RecordingFileRow> rows, long total) {
    }

    /** Newest first; {@code cameraId} and {@code status} filter when not null. */
    public Uni<Page> list(String cameraId, String status, int limit, int offset) {
        String where = " WHERE ($1::text IS NULL OR camera_id = $1) AND ($2::text IS NULL OR status = $2)";
        Uni<RowSet<Row>> rows = db.pool().preparedQuery("SELECT " + COLUMNS + " FROM recordings" + where
                + " ORDER BY start_time DESC NULLS LAST, file_path LIMIT $3 OFFSET $4")
                .execute(Tuple.of(cameraId, status, limit, offset));
        Uni<Long> total = db.pool().preparedQuery("SELECT count(*) FROM recordings" + where)
                .execute(Tuple.of(cameraId, status)).map(r -> r.iterator().next().getLong(0));
        return Uni.combine().all().unis(rows, total).asTuple().map(t -> {
            List<RecordingFileRow> list = new ArrayList<>();
            t.getItem1().forEach(r -> list.add(map(r)));
            return new Page(list, t.getItem2());
        });
    }

    public Uni<Boolean> delete(String id) {
        return db.pool().preparedQuery("DELETE FROM recordings WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.rowCount() > 0);
    }

    public Uni<Boolean> deleteByPath(String filePath) {
        return db.pool().preparedQuery("DELETE FROM recordings WHERE file_path = $1").execute(Tuple.of(filePath))
                .map(rows -> rows.rowCount() > 0);
    }

    private static RecordingFileRow map(Row r) {
        return new RecordingFileRow(r.getString("id"), r.getString("file_path"), r.getString("file_name"),
                r.getString("camera_id"), r.getString("camera_name"), r.getString("session_id"),
                r.getString("node_name"), r.getOffsetDateTime("start_time"), r.getOffsetDateTime("end_time"),
                r.getDouble("duration_seconds"), r.getLong("file_size_bytes"), r.getString("status"),
                r.getString("error_message"), r.getBoolean("camera_deleted"));
    }
}
