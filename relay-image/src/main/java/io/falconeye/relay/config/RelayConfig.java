package io.falconeye.relay.config;

import io.falconeye.media.source.CameraSource;
import io.falconeye.media.source.Protocol;
import java.time.Duration;

/**
 * Everything the relay was told by its environment.
 *
 * @param source      the camera (protocol, URL or device, credentials); its toString hides the password
 * @param width       output width, 0 keeps the source's
 * @param height      output height, 0 keeps the source's
 * @param fps         output frame rate, 0 keeps the source's
 * @param label       camera name drawn by the overlay, may be null
 * @param overlay     draw the label and the time on the picture (costs a decode for MJPEG sources)
 * @param jpegQuality ffmpeg's MJPEG quantiser scale, 2 (best) to 31
 * @param healthMaxFrameAge /health is ready while the last frame is at most this old
 * @param stallTimeout an ingest without frames for this long is restarted
 * @param ingestWhenIdle keep ingesting with no viewers (snapshots and recordings need frames)
 */
public record RelayConfig(
        CameraSource source,
        int width,
        int height,
        int fps,
        String label,
        boolean overlay,
        String bindAddress,
        int port,
        int jpegQuality,
        Duration healthMaxFrameAge,
        Duration stallTimeout,
        boolean ingestWhenIdle) {

    public static final int DEFAULT_PORT = 8081;

    public Protocol protocol() {
        return source.protocol();
    }

    public boolean scales() {
        return width > 0 && height > 0;
    }

    public RelayConfig withOverlay(boolean drawn) {
        return new RelayConfig(source, width, height, fps, label, drawn, bindAddress, port, jpegQuality,
                healthMaxFrameAge, stallTimeout, ingestWhenIdle);
    }

    @Override
    public String toString() {
        return "RelayConfig[" + source + ", " + width + "x" + height + "@" + fps + ", port=" + port + "]";
    }
}
