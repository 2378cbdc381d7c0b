package io.falconeye.relay.config;

import java.util.Locale;
import java.util.Optional;

/** Where the relay's frames come from. */
public enum SourceKind {
    RTSP,
    /** HTTP(S) MJPEG stream: passed through without decoding. */
    HTTP_MJPEG,
    /** onvif://host:port, resolved to the camera's RTSP URI with GetProfiles + GetStreamUri. */
    ONVIF,
    /** A V4L2 device such as /dev/video0. */
    USB;

    /** Parses the PROTOCOL value the operator sets ({@code rtsp}, {@code http}, {@code onvif}, {@code usb}...). */
    public static Optional<SourceKind> fromProtocol(String protocol) {
        return switch (protocol.trim().toLowerCase(Locale.ROOT)) {
            case "rtsp", "rtsps" -> Optional.of(RTSP);
            case "http", "https", "mjpeg", "http-mjpeg" -> Optional.of(HTTP_MJPEG);
            case "onvif" -> Optional.of(ONVIF);
            case "usb", "v4l2" -> Optional.of(USB);
            default -> Optional.empty();
        };
    }

    /** The kind a SOURCE_URL scheme implies, if any. */
    public static Optional<SourceKind> fromScheme(String scheme) {
        return switch (scheme.toLowerCase(Locale.ROOT)) {
            case "rtsp", "rtsps" -> Optional.of(RTSP);
            case "http", "https" -> Optional.of(HTTP_MJPEG);
            case "onvif" -> Optional.of(ONVIF);
            default -> Optional.empty();
        };
    }
}
