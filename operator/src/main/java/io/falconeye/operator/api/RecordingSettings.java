package io.falconeye.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** How the camera's recorder records. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RecordingSettings {

    @JsonPropertyDescription("off: record only while a Recording asks for it; continuous: record all the time.")
    @Default("off")
    private RecordingMode mode = RecordingMode.OFF;

    @JsonPropertyDescription("Length of one MP4 segment in seconds (10-3600), default 300.")
    @Min(10)
    @Max(3600)
    @Default("300")
    private Integer segmentSeconds = 300;

    @JsonPropertyDescription("What to delete, and when, so that the node's disk never fills.")
    private Retention retention;

    public RecordingMode getMode() { return mode; }
    public void setMode(RecordingMode mode) { this.mode = mode; }
    public Integer getSegmentSeconds() { return segmentSeconds; }
    public void setSegmentSeconds(Integer segmentSeconds) { this.segmentSeconds = segmentSeconds; }
    public Retention getRetention() { return retention; }
    public void setRetention(Retention retention) { this.retention = retention; }
}
