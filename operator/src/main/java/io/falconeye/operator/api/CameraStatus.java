package io.falconeye.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What the operator observed the last time it reconciled the camera. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CameraStatus {

    @JsonPropertyDescription("The metadata.generation this status describes.")
    private Long observedGeneration;

    @JsonPropertyDescription("Pending, Creating, Running, Stopped or Error; for people, machines read the conditions.")
    private CameraPhase phase;

    @JsonPropertyDescription("Ready, RelayAvailable and RecorderAvailable, with CamelCase reasons.")
    private List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("The node the relay runs on.")
    private String nodeName;

    @JsonPropertyDescription("Path of the live MJPEG stream on the Falcon-Eye API: /api/cameras/{metadata.uid}/stream.")
    private String streamPath;

    public Long getObservedGeneration() { return observedGeneration; }
    public void setObservedGeneration(Long observedGeneration) { this.observedGeneration = observedGeneration; }
    public CameraPhase getPhase() { return phase; }
    public void setPhase(CameraPhase phase) { this.phase = phase; }
    public List<Condition> getConditions() { return conditions; }
    public void setConditions(List<Condition> conditions) { this.conditions = conditions; }
    public String getNodeName() { return nodeName; }
    public void setNodeName(String nodeName) { this.nodeName = nodeName; }
    public String getStreamPath() { return streamPath; }
    public void setStreamPath(String streamPath) { this.streamPath = streamPath; }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof CameraStatus other)) return false;
        return Objects.equals(observedGeneration, other.observedGeneration) && phase == other.phase
                && Objects.equals(conditions, other.conditions) && Objects.equals(nodeName, other.nodeName)
                && Objects.equals(streamPath, other.streamPath);
    }

    @Override
    public int hashCode() {
        return Objects.hash(observedGeneration, phase, conditions, nodeName, streamPath);
    }
}
