package io.falconeye.media.source;

import java.util.Locale;

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

    public String lowerCase() {
        return name().toLowerCase(Locale.ROOT);
    }
}
