package io.falconeye.recorder.events;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Kinds of recorder events, sent as their lower-case name ({@code segment_finished}). */
public enum EventType {
    RECORDING_STARTED,
    RECORDING_STOPPED,
    SEGMENT_STARTED,
    SEGMENT_FINISHED,
    /** A segment left by a previous run (killed mid-file), found and closed at start. */
    SEGMENT_RECOVERED,
    GAP,
    FAILURE,
    FILE_DELETED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
