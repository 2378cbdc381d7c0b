package io.falconeye.recorder.config;

import io.falconeye.media.ConfigException;
import io.falconeye.media.EnvConfig;
import io.falconeye.media.source.CameraSource;
import io.falconeye.media.source.Protocol;
import io.falconeye.media.source.SourceUrl;
import io.falconeye.recorder.events.EventJournal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the environment the operator sets into a {@link RecorderConfig}, or a
 * {@link ConfigException} whose one-line message names the variable (never showing a secret).
 */
public final class RecorderConfigParser {

    /** Camera ids become folder names: no separators, no dots at the start. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    private static final Pattern BYTES = Pattern.compile("(\\d+)\\s*([KMGT]i?B?|B)?", Pattern.CASE_INSENSITIVE);
    /** Below this, two segments could start within one wall-clock second and share a file name. */
    public static final int MIN_SEGMENT_SECONDS = 2;
    static final long MIN_JOURNAL_BYTES = 64 << 10;

    private RecorderConfigParser() {}

    public static RecorderConfig parse(Map<String, String> environment) {
        EnvConfig env = EnvConfig.of(environment);
        String cameraId = env.required("CAMERA_ID");
        if (!SAFE_ID.matcher(cameraId).matches()) {
            throw new ConfigException("CAMERA_ID", "CAMERA_ID must be 1-128 letters, digits, '.', '_' or '-' "
                    + "(it names the recordings folder), got '" + cameraId + "'");
        }
        String cameraName = safeFileNamePart(env.string("CAMERA_NAME", cameraId));
        CameraSource source = source(env);
        Path recordings = Path.of(env.string("RECORDINGS_PATH", "/recordings")).toAbsolutePath().normalize();
        int segmentSeconds = env.optional("SEGMENT_SECONDS").isPresent()
                ? env.integer("SEGMENT_SECONDS", 300, MIN_SEGMENT_SECONDS, 86_400)
                : env.integer("SEGMENT_DURATION", 300, MIN_SEGMENT_SECONDS, 86_400);
        RetentionSettings retention = new RetentionSettings(
                Duration.ofDays(env.integer("RETENTION_MAX_AGE_DAYS", 0, 0, 36_500)),
                bytes(env, "RETENTION_MAX_BYTES", 0),
                bytes(env, "MIN_FREE_BYTES", 1L << 30),
                positive(env, "RETENTION_INTERVAL", Duration.ofSeconds(60)));
        URI apiUrl = env.optional("API_URL").map(RecorderConfigParser::apiUrl).orElse(null);
        String token = env.optional("INTERNAL_TOKEN").orElse(null);
        if (apiUrl != null && token == null) {
            throw new ConfigException("INTERNAL_TOKEN", "INTERNAL_TOKEN is required when API_URL is set "
                    + "(the events endpoint is authenticated)");
        }
        return new RecorderConfig(
                cameraId,
                cameraName,
                source,
                recordings,
                segmentSeconds,
                retention,
                env.optional("NODE_NAME").orElse(env.string("HOSTNAME", "unknown")),
                apiUrl,
                token,
                env.string("BIND_ADDRESS", "0.0.0.0"),
                env.integer("PORT", RecorderConfig.DEFAULT_PORT, 0, 65535),
                positive(env, "STOP_TIMEOUT", Duration.ofSeconds(10)),
                env.bool("AUTO_RESUME", true),
                journalMaxBytes(env));
    }

    private static long journalMaxBytes(EnvConfig env) {
        long max = bytes(env, "EVENT_JOURNAL_MAX_BYTES", EventJournal.DEFAULT_MAX_BYTES);
        if (max < MIN_JOURNAL_BYTES) {
            throw new ConfigException("EVENT_JOURNAL_MAX_BYTES", "EVENT_JOURNAL_MAX_BYTES must be at least 64K "
                    + "(about 150 events), got '" + env.optional("EVENT_JOURNAL_MAX_BYTES").orElse("") + "'");
        }
        return max;
    }

    /** Keeps letters, digits, '-' and '_' (others become '_'), so the name is safe in a file name. */
    static String safeFileNamePart(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9_-]", "_");
        return safe.length() > 64 ? safe.substring(0, 64) : safe;
    }

    private static CameraSource source(EnvConfig env) {
        Protocol protocol = protocol(env);
        if (protocol == Protocol.USB && env.optional("DEVICE_PATH").isEmpty()
                && env.optional("SOURCE_URL").filter(u -> u.matches("(?i)https?://.*")).isPresent()) {
            // the device belongs to the camera's relay: the operator points the recorder at the
            // relay's MJPEG stream of it (PROTOCOL=usb, SOURCE_URL=http://relay/stream)
            protocol = Protocol.HTTP;
        }
        String username = env.optional("CAMERA_USERNAME").orElse(null);
        String password = env.optional("CAMERA_PASSWORD").orElse(null);
        if (protocol == Protocol.USB) {
            String device = env.optional("DEVICE_PATH").orElseThrow(() -> new ConfigException("DEVICE_PATH",
                    "DEVICE_PATH is required for a USB camera (e.g. /dev/video0)"));
            if (!device.matches("/dev/video\\d+")) {
                throw new ConfigException("DEVICE_PATH", "DEVICE_PATH must look like /dev/video0, got '" + device + "'");
            }
            return CameraSource.usb(device).withCapture(env.integer("WIDTH", 0, 0, 7680),
                    env.integer("HEIGHT", 0, 0, 4320), env.integer("FPS", 0, 0, 120));
        }
        String raw = env.optional("SOURCE_URL").orElseThrow(() -> new ConfigException("SOURCE_URL",
                "SOURCE_URL is required (rtsp://, http(s)://, onvif://host:port), or DEVICE_PATH for a USB camera"));
        SourceUrl url = sourceUrl(raw);
        boolean fits = switch (protocol) {
            case RTSP -> url.scheme().startsWith("rtsp");
            case HTTP -> url.scheme().startsWith("http");
            case ONVIF -> url.scheme().equals("onvif") || url.scheme().startsWith("http");
            case USB -> false;
        };
        if (!fits) {
            throw new ConfigException("SOURCE_URL", "SOURCE_URL " + url + " does not fit PROTOCOL " + protocol.lowerCase());
        }
        CameraSource source = switch (protocol) {
            case RTSP -> CameraSource.rtsp(raw);
            case HTTP -> CameraSource.http(raw);
            default -> CameraSource.onvif(raw).withOnvifProfile(env.optional("ONVIF_PROFILE").orElse(null));
        };
        return source.withCredentials(username, password);
    }

    private static Protocol protocol(EnvConfig env) {
        return Protocol.fromEnv(env, () -> sourceUrl(env.optional("SOURCE_URL").orElseThrow(() -> new ConfigException("SOURCE_URL",
                "SOURCE_URL is required (rtsp://, http(s)://, onvif://host:port), or DEVICE_PATH for a USB camera"))));
    }

    private static SourceUrl sourceUrl(String raw) {
        try {
            SourceUrl url = SourceUrl.parse(raw);
            url.port();
            if (!url.host().matches("[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+]")) {
                throw new ConfigException("SOURCE_URL", "SOURCE_URL is not a valid URL: bad host in " + url.redacted());
            }
            return url;
        } catch (IllegalArgumentException e) {
            throw new ConfigException("SOURCE_URL", "SOURCE_URL is not a valid URL: " + e.getMessage());
        }
    }

    private static URI apiUrl(String raw) {
        try {
            URI uri = new URI(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new ConfigException("API_URL", "API_URL must be an http(s) URL like http://falcon-eye-api:8000, got '"
                        + SourceUrl.redact(raw) + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException("API_URL", "API_URL is not a valid URL: '" + SourceUrl.redact(raw) + "'");
        }
    }

    /** A byte count: plain digits or with a K/M/G/T suffix (powers of 1024), e.g. {@code 20G}. */
    static long bytes(EnvConfig env, String name, long defaultValue) {
        Optional<String> value = env.optional(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        Matcher matcher = BYTES.matcher(value.get());
        if (!matcher.matches()) {
            throw new ConfigException(name, name + " must be a byte count like 500000000, 512M or 20G, got '"
                    + value.get() + "'");
        }
        try {
            long amount = Long.parseLong(matcher.group(1));
            String unit = matcher.group(2) == null ? "B" : matcher.group(2).substring(0, 1).toUpperCase(Locale.ROOT);
            int shift = switch (unit) {
                case "K" -> 10;
                case "M" -> 20;
                case "G" -> 30;
                case "T" -> 40;
                default -> 0;
            };
            if (amount > (Long.MAX_VALUE >> shift)) {
                throw new NumberFormatException();
            }
            return amount << shift;
        } catch (NumberFormatException e) {
            throw new ConfigException(name, name + " is too large: '" + value.get() + "'");
        }
    }

    private static Duration positive(EnvConfig env, String name, Duration fallback) {
        Duration value = env.duration(name, fallback);
        if (value.isZero() || value.isNegative()) {
            throw new ConfigException(name, name + " must be a positive duration like 10s");
        }
        return value;
    }
}
