package io.falconeye.relay.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** Turns the environment the operator sets into a {@link RelayConfig}, or a one-line reason why not. */
public final class RelayConfigParser {

    private static final int MAX_DIMENSION = 7680;

    private RelayConfigParser() {}

    public static RelayConfig parse(Map<String, String> env) {
        Env e = new Env(env);
        SourceKind kind = kindOf(e);
        URI source = null;
        String device = null;
        if (kind == SourceKind.USB) {
            device = e.get("DEVICE_PATH");
            if (device == null) {
                throw new InvalidConfigException("DEVICE_PATH is required for a USB camera (e.g. /dev/video0)");
            }
            if (!device.startsWith("/dev/")) {
                throw new InvalidConfigException("DEVICE_PATH must be a device under /dev/, got '" + device + "'");
            }
        } else {
            source = sourceUri(e, kind);
        }
        RelayConfig.Credentials credentials = credentials(e, source);
        int width = e.intIn("WIDTH", 0, 16, MAX_DIMENSION);
        int height = e.intIn("HEIGHT", 0, 16, MAX_DIMENSION);
        if ((width == 0) != (height == 0)) {
            throw new InvalidConfigException("WIDTH and HEIGHT must be set together (got WIDTH="
                    + e.raw("WIDTH") + ", HEIGHT=" + e.raw("HEIGHT") + ")");
        }
        if (width % 2 != 0 || height % 2 != 0) {
            throw new InvalidConfigException("WIDTH and HEIGHT must be even numbers, got " + width + "x" + height);
        }
        return new RelayConfig(
                kind,
                source,
                device,
                credentials,
                width,
                height,
                e.intIn("FPS", 0, 1, 120),
                e.get("CAMERA_LABEL"),
                e.bool("OVERLAY", kind == SourceKind.USB),
                e.getOr("BIND_ADDRESS", "0.0.0.0"),
                e.intIn("PORT", RelayConfig.DEFAULT_PORT, 0, 65535),
                e.intIn("JPEG_QUALITY", 5, 2, 31),
                e.seconds("HEALTH_MAX_FRAME_AGE_SECONDS", 3),
                e.seconds("STALL_TIMEOUT_SECONDS", 10),
                e.bool("INGEST_WHEN_IDLE", true));
    }

    private static SourceKind kindOf(Env e) {
        String protocol = e.get("PROTOCOL");
        if (protocol != null) {
            return SourceKind.fromProtocol(protocol).orElseThrow(() -> new InvalidConfigException(
                    "PROTOCOL must be one of rtsp, http, onvif, usb; got '" + protocol + "'"));
        }
        if (e.get("SOURCE_URL") == null && e.get("DEVICE_PATH") != null) {
            return SourceKind.USB;
        }
        URI uri = parseUri(required(e));
        return SourceKind.fromScheme(uri.getScheme()).orElseThrow(() -> new InvalidConfigException(
                "SOURCE_URL must start with rtsp://, http://, https:// or onvif://, got scheme '"
                        + uri.getScheme() + "'"));
    }

    private static URI sourceUri(Env e, SourceKind kind) {
        URI uri = parseUri(required(e));
        SourceKind implied = SourceKind.fromScheme(uri.getScheme()).orElse(null);
        if (implied != kind && !(kind == SourceKind.ONVIF && implied == SourceKind.HTTP_MJPEG)) {
            throw new InvalidConfigException("SOURCE_URL scheme '" + uri.getScheme()
                    + "' does not fit PROTOCOL " + kind.name().toLowerCase(Locale.ROOT));
        }
        try {
            // Credentials travel separately (CAMERA_USERNAME/CAMERA_PASSWORD or the URL's user info)
            // so the URL kept in the config is always safe to log.
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(), null);
        } catch (URISyntaxException ex) {
            throw new InvalidConfigException("SOURCE_URL is not a valid URL: " + ex.getReason());
        }
    }

    private static String required(Env e) {
        String url = e.get("SOURCE_URL");
        if (url == null) {
            throw new InvalidConfigException("SOURCE_URL is required (rtsp://, http(s)://, onvif://host:port), "
                    + "or DEVICE_PATH for a USB camera");
        }
        return url;
    }

    private static URI parseUri(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException ex) {
            // The message names the position only: the value may hold a password.
            throw new InvalidConfigException("SOURCE_URL is not a valid URL (" + ex.getReason() + " at index "
                    + ex.getIndex() + ")");
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new InvalidConfigException("SOURCE_URL must be an absolute URL with a host, like rtsp://camera:554/stream");
        }
        return uri;
    }

    private static RelayConfig.Credentials credentials(Env e, URI sourceWithoutUser) {
        String user = e.get("CAMERA_USERNAME");
        String password = e.getOr("CAMERA_PASSWORD", "");
        if (user == null) {
            String url = e.get("SOURCE_URL");
            String userInfo = url == null ? null : parseUri(url).getUserInfo();
            if (userInfo == null) {
                if (e.get("CAMERA_PASSWORD") != null) {
                    throw new InvalidConfigException("CAMERA_PASSWORD is set but CAMERA_USERNAME is not");
                }
                return null;
            }
            int colon = userInfo.indexOf(':');
            return colon < 0 ? new RelayConfig.Credentials(userInfo, "")
                    : new RelayConfig.Credentials(userInfo.substring(0, colon), userInfo.substring(colon + 1));
        }
        return new RelayConfig.Credentials(user, password);
    }

    /** Reads variables; blank counts as unset. Error messages quote values, never passwords. */
    private record Env(Map<String, String> env) {

        String get(String name) {
            String value = env.get(name);
            return value == null || value.isBlank() ? null : value.trim();
        }

        String getOr(String name, String fallback) {
            String value = get(name);
            return value == null ? fallback : value;
        }

        String raw(String name) {
            return getOr(name, "unset");
        }

        int intIn(String name, int fallback, int min, int max) {
            String value = get(name);
            if (value == null) {
                return fallback;
            }
            try {
                int parsed = Integer.parseInt(value);
                if (parsed < min || parsed > max) {
                    throw new InvalidConfigException(name + " must be between " + min + " and " + max + ", got " + value);
                }
                return parsed;
            } catch (NumberFormatException ex) {
                throw new InvalidConfigException(name + " must be a whole number, got '" + value + "'");
            }
        }

        Duration seconds(String name, double fallback) {
            String value = get(name);
            double seconds = fallback;
            if (value != null) {
                try {
                    seconds = Double.parseDouble(value);
                } catch (NumberFormatException ex) {
                    throw new InvalidConfigException(name + " must be a number of seconds, got '" + value + "'");
                }
                if (!(seconds > 0 && seconds <= 3600)) {
                    throw new InvalidConfigException(name + " must be between 0 and 3600 seconds, got " + value);
                }
            }
            return Duration.ofMillis(Math.round(seconds * 1000));
        }

        boolean bool(String name, boolean fallback) {
            String value = get(name);
            if (value == null) {
                return fallback;
            }
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "true", "1", "yes", "on" -> true;
                case "false", "0", "no", "off" -> false;
                default -> throw new InvalidConfigException(name + " must be true or false, got '" + value + "'");
            };
        }
    }
}
