package io.falconeye.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How the operator reaches a camera. */
public enum Protocol {
    @JsonProperty("usb") USB,
    @JsonProperty("rtsp") RTSP,
    @JsonProperty("onvif") ONVIF,
    @JsonProperty("http") HTTP;

    /** The value as written in the Camera resource and in labels. */
    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean isNetwork() {
        return this != USB;
    }
}
