package io.falconeye.relay.config;

import io.falconeye.media.ConfigException;
import io.falconeye.media.EnvConfig;
import io.falconeye.media.source.CameraSource;
import io.falconeye.media.source.Protocol;
import io.falconeye.media.source.SourceUrl;
import java.time.Duration;
import java.util.Map;

/**
 * Turns the environment the operator sets into a {@link RelayConfig}, or a {@link ConfigException}
 * whose one-line message names the variable (and never shows a password).
 */
public final class RelayConfigParser {

    private static final int MAX_DIMENSION = 7680;

    private RelayConfigParser() {}

    public static RelayConfig parse(Map<String, String> environment) {
        EnvConfig env = EnvConfig.of(environment);
        Protocol protocol = protocol(env);
        int width = env.integer("WIDTH", 0, 16, MAX_DIMENSION);
        int height = env.integer("HEIGHT", 0, 16, MAX_DIMENSION);
        if ((width == 0) != (height == 0)) {
            throw new ConfigException(width == 0 ? "WIDTH" : "HEIGHT", "WIDTH and HEIGHT must be set together");
        }
        if (width % 2 != 0 || height % 2 != 0) {
            throw new ConfigException("WIDTH", "WIDTH and HEIGHT must be even numbers, got " + width + "x" + height);
        }
        int fps = env.integer("FPS", 0, 1, 120);
        CameraSource source = source(env, protocol)
                .withCredentials(env.optional("CAMERA_USERNAME").orElse(null),
                        env.optional("CAMERA_PASSWORD").orElse(null));
        if (protocol == Protocol.USB) {
            source = source.withCapture(width, height, fps);
        }
        return new RelayConfig(
                source,
                width,
                height,
                fps,
                env.optional("CAMERA_LABEL").orElse(null),
                env.bool("OVERLAY", protocol == Protocol.USB),
                env.string("BIND_ADDRESS", "0.0.0.0"),
                env.integer("PORT", RelayConfig.DEFAULT_PORT, 0, 65535),
                env.integer("JPEG_QUALITY", 5, 2, 31),
                positive(env, "HEALTH_MAX_FRAME_AGE", Duration.ofSeconds(3)),
                positive(env, "STALL_TIMEOUT", Duration.ofSeconds(15)),
                env.bool("INGEST_WHEN_IDLE", true));
    }

    private static Protocol protocol(EnvConfig env) {
        return Protocol.fromEnv(env, () -> sourceUrl(env));
    }

    private static CameraSource source(EnvConfig env, Protocol protocol) {
        if (protocol == Protocol.USB) {
            String device = env.optional("DEVICE_PATH").orElseThrow(() -> new ConfigException("DEVICE_PATH",
                    "DEVICE_PATH is required for a USB camera (e.g. /dev/video0)"));
            if (!device.matches("/dev/video\\d+")) {
                throw new ConfigException("DEVICE_PATH", "DEVICE_PATH must look like /dev/video0, got '" + device + "'");
            }
            return CameraSource.usb(device);
        }
        SourceUrl url = sourceUrl(env);
        boolean fits = switch (protocol) {
            case RTSP -> url.scheme().startsWith("rtsp");
            case HTTP -> url.scheme().startsWith("http");
            case ONVIF -> url.scheme().equals("onvif") || url.scheme().startsWith("http");
            case USB -> false;
        };
        if (!fits) {
            throw new ConfigException("SOURCE_URL", "SOURCE_URL " + url + " does not fit PROTOCOL "
                    + protocol.lowerCase());
        }
        String raw = env.required("SOURCE_URL");
        return switch (protocol) {
            case RTSP -> CameraSource.rtsp(raw);
            case HTTP -> CameraSource.http(raw);
            default -> CameraSource.onvif(raw);
        };
    }

    private static SourceUrl sourceUrl(EnvConfig env) {
        String raw = env.optional("SOURCE_URL").orElseThrow(() -> new ConfigException("SOURCE_URL",
                "SOURCE_URL is required (rtsp://, http(s)://, onvif://host:port), or DEVICE_PATH for a USB camera"));
        SourceUrl url;
        try {
            url = SourceUrl.parse(raw);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("SOURCE_URL", "SOURCE_URL is not a valid URL: " + e.getMessage());
        }
        try {
            url.port();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("SOURCE_URL", "SOURCE_URL is not a valid URL: " + e.getMessage());
        }
        if (!url.host().matches("[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+]")) {
            throw new ConfigException("SOURCE_URL", "SOURCE_URL is not a valid URL: bad host in " + url.redacted());
        }
        return url;
    }

    private static Duration positive(EnvConfig env, String name, Duration fallback) {
        Duration value = env.duration(name, fallback);
        if (value.isZero() || value.isNegative()) {
            throw new ConfigException(name, name + " must be a positive duration like 3s");
        }
        return value;
    }
}
