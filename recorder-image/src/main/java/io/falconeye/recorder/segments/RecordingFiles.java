package io.falconeye.recorder.segments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Lists the MP4 files of the recordings folder (one sub-folder per camera). */
public final class RecordingFiles {

    private static final Pattern STAMP = Pattern.compile("_(\\d{8}_\\d{6})\\.mp4$");
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");

    private RecordingFiles() {}

    /** The {@code .mp4} files of one camera folder, oldest first; empty when the folder is missing. */
    public static List<StoredFile> ofCamera(Path recordingsRoot, String cameraId) {
        Path folder = recordingsRoot.resolve(cameraId);
        List<StoredFile> files = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return files;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*.mp4")) {
            for (Path path : stream) {
                try {
                    BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                    if (attributes.isRegularFile()) {
                        Instant modified = attributes.lastModifiedTime().toInstant();
                        files.add(new StoredFile(cameraId, path, attributes.size(), modified,
                                startTime(path.getFileName().toString(), modified)));
                    }
                } catch (NoSuchFileException deletedMeanwhile) {
                    // another recorder's guard deleted it; skip
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        files.sort(StoredFile.OLDEST_FIRST);
        return files;
    }

    /** Every camera folder's files under the root (hidden folders skipped), oldest first. */
    public static List<StoredFile> all(Path recordingsRoot) {
        List<StoredFile> files = new ArrayList<>();
        if (!Files.isDirectory(recordingsRoot)) {
            return files;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(recordingsRoot,
                p -> Files.isDirectory(p) && !p.getFileName().toString().startsWith("."))) {
            for (Path folder : stream) {
                files.addAll(ofCamera(recordingsRoot, folder.getFileName().toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + recordingsRoot, e);
        }
        files.sort(StoredFile.OLDEST_FIRST);
        return files;
    }

    /** The UTC start time in a segment's name, or {@code fallback}. */
    public static Instant startTime(String fileName, Instant fallback) {
        Matcher matcher = STAMP.matcher(fileName);
        if (!matcher.find()) {
            return fallback;
        }
        try {
            return LocalDateTime.parse(matcher.group(1), NAME_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }
}
