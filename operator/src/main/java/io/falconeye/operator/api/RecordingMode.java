package io.falconeye.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a camera records all the time or only on demand (Recording resources). */
public enum RecordingMode {
    @JsonProperty("off") OFF,
    @JsonProperty("continuous") CONTINUOUS;

    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
