package io.falconeye.relay.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything the relay was told by its environment.
 *
 * @param sourceUri   the camera URL without credentials; {@code null} for USB
 * @param devicePath  the V4L2 device for USB, else {@code null}
 * @param width       output width, 0 keeps the source's
 * @param height      output height, 0 keeps the source's
 * @param fps         output frame rate, 0 keeps the source's
 * @param jpegQuality ffmpeg's MJPEG quantiser scale, 2 (best) to 31
 */
public record RelayConfig(
        SourceKind kind,
        URI sourceUri,
        String devicePath,
        Credentials credentials,
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

    public Optional<Credentials> credentialsIfAny() {
        return Optional.ofNullable(credentials);
    }

    public boolean scales() {
        return width > 0 && height > 0;
    }

    /** Where frames come from, safe to log: the URL never carries credentials here. */
    public String sourceDescription() {
        return kind == SourceKind.USB ? devicePath : sourceUri.toString();
    }

    public RelayConfig withPort(int newPort) {
        return new RelayConfig(kind, sourceUri, devicePath, credentials, width, height, fps, label, overlay,
                bindAddress, newPort, jpegQuality, healthMaxFrameAge, stallTimeout, ingestWhenIdle);
    }

    @Override
    public String toString() {
        return "RelayConfig[" + kind + " " + sourceDescription() + ", " + width + "x" + height + "@" + fps
                + ", credentials=" + (credentials == null ? "none" : "set") + ", port=" + port + "]";
    }

    /** Camera user and password; never printed. */
    public record Credentials(String username, String password) {
        @Override
        public String toString() {
            return "Credentials[" + username + ", ****]";
        }
    }
}
