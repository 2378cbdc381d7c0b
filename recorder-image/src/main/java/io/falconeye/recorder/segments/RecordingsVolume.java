package io.falconeye.recorder.segments;

import io.falconeye.media.ConfigException;
import io.falconeye.recorder.config.RecorderConfig;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checks at start that the recorder can write where it must: its camera folder
 * ({@code RECORDINGS_PATH/{camera-id}/}) and its state folder
 * ({@code RECORDINGS_PATH/.falcon-eye/{camera-id}/}), both created when missing. A node folder
 * the recorder's user cannot write ends the process at once with one line saying what the pod
 * needs, instead of a recorder that answers /health and never records.
 */
public final class RecordingsVolume {

    private RecordingsVolume() {}

    /** @throws ConfigException naming {@code RECORDINGS_PATH} when a folder cannot be created or written */
    public static void requireWritable(RecorderConfig config) {
        for (Path folder : List.of(config.cameraDirectory(), config.stateDirectory())) {
            try {
                Files.createDirectories(folder);
                Path probe = Files.createTempFile(folder, ".write-check", ".tmp");
                Files.delete(probe);
            } catch (IOException e) {
                throw new ConfigException("RECORDINGS_PATH", "RECORDINGS_PATH " + config.recordingsPath()
                        + " is not writable by this process (uid " + uid() + "): " + reason(e, folder)
                        + ". The recorder creates " + config.cameraId() + "/ and .falcon-eye/" + config.cameraId()
                        + "/ in it; give uid " + uid() + " write access to the node's recordings folder "
                        + "(the image does, with /opt/recorder/prepare-recordings, when the pod starts it as root)");
            }
        }
    }

    private static String reason(IOException e, Path folder) {
        if (e instanceof AccessDeniedException denied) {
            return "permission denied on " + denied.getFile();
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase() + " (" + fs.getFile() + ")";
        }
        return "cannot write " + folder + " (" + e.getClass().getSimpleName() + ")";
    }

    /** The real user id of this process, from Linux's /proc ("?" elsewhere). */
    static String uid() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(l -> l.startsWith("Uid:")).findFirst()
                    .map(l -> l.substring(4).trim().split("\\s+")[0]).orElse("?");
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
