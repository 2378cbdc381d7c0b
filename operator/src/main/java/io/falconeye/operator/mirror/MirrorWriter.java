package io.falconeye.operator.mirror;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.falconeye.operator.api.Camera;
import io.falconeye.operator.api.Recording;
import io.falconeye.operator.cache.CameraCache;
import io.falconeye.operator.cache.RecordingCache;
import io.falconeye.operator.db.CameraTable;
import io.falconeye.operator.db.Database;
import io.falconeye.operator.db.SessionTable;
import io.falconeye.operator.db.RecordingTable;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Projects Camera and Recording resources into PostgreSQL on a thread of its own.
 *
 * <p>Informer events only mark an object as pending (the newest version per uid wins), so a slow or
 * absent database never blocks an informer, let alone reconciliation. A write that fails leaves
 * its entry pending and marks the database as lost; once it answers again the writer re-applies
 * the whole informer cache (upserts guarded by resourceVersion, deletions of rows whose resource
 * is gone), so what changed during the outage is caught up, and nothing is applied twice.
 */
@ApplicationScoped
public class MirrorWriter {

    private static final Logger LOG = Logger.getLogger(MirrorWriter.class);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);
    private static final long RETRY_MILLIS = 1000;

    private sealed interface Change permits Upsert, Delete {
        HasMetadata object();
    }

    private record Upsert(HasMetadata object) implements Change {
    }

    private record Delete(HasMetadata object) implements Change {
    }

    private final CameraCache cameras;
    private final RecordingCache recordings;
    private final Database db;
    private final CameraTable cameraTable;
    private final SessionTable sessionTable;
    private final RecordingTable recordingTable;
    private final Map<String, Change> pending = new ConcurrentHashMap<>();
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean inSync;
    private volatile boolean running;
    private volatile long syncedAt;
    private Thread worker;

    public MirrorWriter(CameraCache cameras, RecordingCache recordings, Database db, CameraTable cameraTable,
            SessionTable sessionTable, RecordingTable recordingTable) {
        this.cameras = cameras;
        this.recordings = recordings;
        this.db = db;
        this.cameraTable = cameraTable;
        this.sessionTable = sessionTable;
        this.recordingTable = recordingTable;
    }

    void start(@Observes StartupEvent event) {
        cameras.subscribe(new Enqueue<>());
        recordings.subscribe(new Enqueue<>());
        running = true;
        worker = new Thread(this::run, "postgres-mirror");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (worker != null) {
            worker.interrupt();
        }
    }

    /** True when the database holds everything the informers have seen (nothing pending, no outage). */
    public boolean isInSync() {
        return inSync && pending.isEmpty();
    }

    /** When the last full catch-up finished (System.nanoTime), for tests and health. */
    public long lastFullSync() {
        return syncedAt;
    }

    private final class Enqueue<T extends HasMetadata> implements ResourceEventHandler<T> {
        @Override
        public void onAdd(T obj) {
            mark(new Upsert(obj));
        }

        @Override
        public void onUpdate(T oldObj, T newObj) {
            mark(new Upsert(newObj));
        }

        @Override
        public void onDelete(T obj, boolean deletedFinalStateUnknown) {
            mark(new Delete(obj));
        }
    }

    private void mark(Change change) {
        pending.put(key(change.object()), change);
        wakeUp.release();
    }

    private static String key(HasMetadata object) {
        return object.getKind() + "/" + object.getMetadata().getUid();
    }

    private void run() {
        while (running) {
            try {
                if (!inSync) {
                    catchUp();
                }
                drain();
                wakeUp.tryAcquire(RETRY_MILLIS, TimeUnit.MILLISECONDS);
                wakeUp.drainPermits();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (inSync) {
                    LOG.warnf("PostgreSQL mirror paused, will catch up when the database answers: %s", brief(e));
                }
                inSync = false;
                sleepQuietly();
            }
        }
    }

    /** Re-applies the informer caches as a whole: after start and after every database outage. */
    private void catchUp() {
        if (!cameras.hasSynced() || !recordings.hasSynced()) {
            throw new IllegalStateException("informers not synced yet");
        }
        db.ensureMigrated();
        pending.clear();
        var allCameras = cameras.all();
        var allRecordings = recordings.all();
        for (Camera camera : allCameras) {
            apply(new Upsert(camera));
        }
        for (Recording recording : allRecordings) {
            apply(new Upsert(recording));
        }
        Set<String> cameraIds = allCameras.stream().map(c -> c.getMetadata().getUid()).collect(Collectors.toSet());
        Set<String> sessionIds = allRecordings.stream().map(r -> r.getMetadata().getUid()).collect(Collectors.toSet());
        int gone = await(cameraTable.deleteAllExcept(cameraIds)) + await(sessionTable.deleteAllExcept(sessionIds));
        inSync = true;
        syncedAt = System.nanoTime();
        LOG.infof("PostgreSQL mirror in sync: %d cameras, %d recordings, %d stale rows removed",
                allCameras.size(), allRecordings.size(), gone);
    }

    private void drain() {
        // Deletions first: a camera deleted and created again under the same name has a new uid,
        // and the old row must leave before the new one takes the name.
        for (boolean deletes : new boolean[] {true, false}) {
            for (Map.Entry<String, Change> entry : pending.entrySet()) {
                if ((entry.getValue() instanceof Delete) == deletes) {
                    apply(entry.getValue());
                    pending.remove(entry.getKey(), entry.getValue());
                }
            }
        }
    }

    private void apply(Change change) {
        if (change.object() instanceof Camera camera) {
            if (change instanceof Delete) {
                await(cameraTable.delete(camera.getMetadata().getUid()));
            } else {
                await(cameraTable.upsert(CameraProjection.row(camera)));
            }
        } else if (change.object() instanceof Recording recording) {
            if (change instanceof Delete) {
                await(sessionTable.delete(recording.getMetadata().getUid()));
            } else {
                applySession(recording);
            }
        }
    }

    private void applySession(Recording recording) {
        String cameraId = cameras.byName(recording.getMetadata().getNamespace(), recording.getSpec().getCameraRef())
                .map(c -> c.getMetadata().getUid()).orElse(null);
        await(sessionTable.upsert(SessionProjection.row(recording, cameraId)));
        String finalStatus = SessionProjection.finalFileStatus(recording);
        if (finalStatus != null) {
            String endedAt = recording.getStatus().getEndedAt();
            await(recordingTable.finishSession(recording.getMetadata().getUid(), finalStatus,
                    endedAt == null ? OffsetDateTime.now() : SessionProjection.time(endedAt)));
        }
    }

    private static <T> T await(io.smallrye.mutiny.Uni<T> uni) {
        return uni.await().atMost(WRITE_TIMEOUT);
    }

    private static String brief(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
