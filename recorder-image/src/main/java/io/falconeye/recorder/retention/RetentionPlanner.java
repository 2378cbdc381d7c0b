package io.falconeye.recorder.retention;

import io.falconeye.recorder.config.RetentionSettings;
import io.falconeye.recorder.segments.StoredFile;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Which files to delete; pure functions of the file list, the clock and the limits. */
public final class RetentionPlanner {

    private RetentionPlanner() {}

    /**
     * One camera's limits: every file last written before {@code now - maxAge}, then the oldest
     * until the camera's total (files in use included) is within {@code maxBytes}. Files in use
     * are never chosen.
     *
     * @param files the camera's files, any order
     */
    public static List<Deletion> perCamera(List<StoredFile> files, Set<Path> inUse, Instant now,
            RetentionSettings settings) {
        List<StoredFile> oldestFirst = files.stream().sorted(StoredFile.OLDEST_FIRST).toList();
        List<Deletion> deletions = new ArrayList<>();
        long total = files.stream().mapToLong(StoredFile::sizeBytes).sum();
        Instant cutoff = settings.ageLimited() ? now.minus(settings.maxAge()) : Instant.MIN;
        for (StoredFile file : oldestFirst) {
            if (inUse.contains(file.path())) {
                continue;
            }
            if (settings.ageLimited() && file.lastModified().isBefore(cutoff)) {
                deletions.add(new Deletion(file, Deletion.MAX_AGE));
                total -= file.sizeBytes();
            } else if (settings.sizeLimited() && total > settings.maxBytes()) {
                deletions.add(new Deletion(file, Deletion.MAX_BYTES));
                total -= file.sizeBytes();
            }
        }
        return deletions;
    }

    /**
     * The node's free-space guard: while less than {@code minFreeBytes} would be free, the
     * oldest file on the recordings volume goes, whichever camera it belongs to. Files in use
     * and the newest file of every camera folder (another recorder may be writing it) are kept.
     *
     * @param files all cameras' files on the volume
     */
    public static List<Deletion> freeSpace(List<StoredFile> files, Set<Path> inUse, long usableBytes,
            long minFreeBytes) {
        List<Deletion> deletions = new ArrayList<>();
        if (minFreeBytes <= 0 || usableBytes >= minFreeBytes) {
            return deletions;
        }
        Map<String, StoredFile> newestPerCamera = new HashMap<>();
        for (StoredFile file : files) {
            newestPerCamera.merge(file.cameraId(), file,
                    (a, b) -> StoredFile.OLDEST_FIRST.compare(a, b) >= 0 ? a : b);
        }
        long free = usableBytes;
        for (StoredFile file : files.stream().sorted(StoredFile.OLDEST_FIRST).toList()) {
            if (free >= minFreeBytes) {
                break;
            }
            if (inUse.contains(file.path()) || newestPerCamera.get(file.cameraId()) == file) {
                continue;
            }
            deletions.add(new Deletion(file, Deletion.MIN_FREE_SPACE));
            free += file.sizeBytes();
        }
        return deletions;
    }
}
