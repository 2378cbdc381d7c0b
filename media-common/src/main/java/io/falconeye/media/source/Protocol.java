package io.falconeye.media.source;

import io.falconeye.media.ConfigException;
import io.falconeye.media.EnvConfig;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/** How a camera is reached, as in a Camera's {@code spec.protocol}. */
public enum Protocol {
    RTSP, ONVIF, HTTP, USB;

    /** Parses {@code rtsp|onvif|http|usb} (any case). */
    public static Protocol parse(String value) {
        if (value != null) {
            for (Protocol protocol : values()) {
                if (protocol.name().equalsIgnoreCase(value.trim())) {
                    return protocol;
                }
            }
        }
        throw new IllegalArgumentException("camera protocol must be one of rtsp, onvif, http, usb, got '"
                + value + "'");
    }

    /**
     * The protocol of the camera the relay or recorder serves, from the env the operator sets:
     * PROTOCOL when given (aliases rtsps, https, mjpeg, v4l2 accepted), else a USB camera when only
     * DEVICE_PATH is set, else the scheme of SOURCE_URL ({@code sourceUrl} parses it).
     */
    public static Protocol fromEnv(EnvConfig env, Supplier<SourceUrl> sourceUrl) {
        Optional<String> protocol = env.optional("PROTOCOL");
        if (protocol.isPresent()) {
            return switch (protocol.get().toLowerCase(Locale.ROOT)) {
                case "rtsp", "rtsps" -> RTSP;
                case "http", "https", "mjpeg" -> HTTP;
                case "onvif" -> ONVIF;
                case "usb", "v4l2" -> USB;
                default -> throw new ConfigException("PROTOCOL",
                        "PROTOCOL must be one of rtsp, http, onvif, usb, got '" + protocol.get() + "'");
            };
        }
        if (env.optional("SOURCE_URL").isEmpty() && env.optional("DEVICE_PATH").isPresent()) {
            return USB;
        }
        SourceUrl url = sourceUrl.get();
        return switch (url.scheme()) {
            case "rtsp", "rtsps" -> RTSP;
            case "http", "https" -> HTTP;
            case "onvif" -> ONVIF;
            default -> throw new ConfigException("SOURCE_URL",
                    "SOURCE_URL must start with rtsp://, http://, https:// or onvif://, got " + url.scheme() + "://");
        };
    }

    public String lowerCase() {
        return name().toLowerCase(Locale.ROOT);
    }
}
