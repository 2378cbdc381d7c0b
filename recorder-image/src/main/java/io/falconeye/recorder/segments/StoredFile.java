package io.falconeye.recorder.segments;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;

/**
 * A recording file on disk.
 *
 * @param cameraId the folder it lives in
 * @param startTime from the file name ({@code name_YYYYmmdd_HHMMSS.mp4}), else its last write
 */
public record StoredFile(String cameraId, Path path, long sizeBytes, Instant lastModified, Instant startTime) {

    /** Oldest first: by start time, then last write, then name. */
    public static final Comparator<StoredFile> OLDEST_FIRST = Comparator.comparing(StoredFile::startTime)
            .thenComparing(StoredFile::lastModified)
            .thenComparing(f -> f.path().getFileName().toString());

    public String fileName() {
        return path.getFileName().toString();
    }
}
