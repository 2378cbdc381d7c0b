package io.falconeye.recorder.config;

import io.falconeye.media.source.CameraSource;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything the recorder needs, read once from the environment by {@link RecorderConfigParser}.
 *
 * @param cameraId the Camera's id; also the folder name under {@code recordingsPath}
 * @param cameraName the Camera's name, already made safe for file names
 * @param source what to record (credentials included; {@code toString()} hides them)
 * @param recordingsPath root of all recordings on the node (files go to {@code root/cameraId/})
 * @param segmentSeconds target segment length; cuts happen at the first keyframe after it
 * @param retention per-camera limits and the node's free-space guard
 * @param nodeName the node this pod runs on (downward API), reported with every event
 * @param apiUrl base URL of the operator's API, or null to keep events in the log only
 * @param internalToken bearer token for the internal events endpoint (null when apiUrl is null)
 * @param bindAddress HTTP bind address
 * @param port HTTP port (0 = any free port)
 * @param stopTimeout how long a graceful stop may take before ffmpeg is killed
 * @param autoResume resume a recording that was running when the process died
 * @param journalMaxBytes cap of the on-disk event journal (see {@code EventJournal})
 */
public record RecorderConfig(
        String cameraId,
        String cameraName,
        CameraSource source,
        Path recordingsPath,
        int segmentSeconds,
        RetentionSettings retention,
        String nodeName,
        URI apiUrl,
        String internalToken,
        String bindAddress,
        int port,
        Duration stopTimeout,
        boolean autoResume,
        long journalMaxBytes) {

    public static final int DEFAULT_PORT = 8080;

    /** The folder holding this camera's segments. */
    public Path cameraDirectory() {
        return recordingsPath.resolve(cameraId);
    }

    /** The recorder's own state (event journal, segment ledger, active session) for this camera. */
    public Path stateDirectory() {
        return recordingsPath.resolve(".falcon-eye").resolve(cameraId);
    }

    @Override
    public String toString() {
        return "RecorderConfig[camera " + cameraId + " (" + cameraName + "), " + source + ", "
                + recordingsPath + ", " + segmentSeconds + " s segments, " + retention + ", node " + nodeName
                + ", api " + apiUrl + ", token " + (internalToken == null ? "none" : "***") + ", "
                + bindAddress + ":" + port + "]";
    }
}
