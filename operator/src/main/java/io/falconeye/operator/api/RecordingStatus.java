package io.falconeye.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What the operator knows of the recording session. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RecordingStatus {

    @JsonPropertyDescription("The metadata.generation this status describes.")
    private Long observedGeneration;

    @JsonPropertyDescription("Pending, Recording, Completed, Stopped or Failed.")
    private RecordingPhase phase;

    @JsonPropertyDescription("Ready (recording now) and Accepted, with CamelCase reasons.")
    private List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("The node whose disk holds the files.")
    private String nodeName;

    @JsonPropertyDescription("The recorder pod that records this session.")
    private String recorderPod;

    @JsonPropertyDescription("When the recorder started (RFC 3339).")
    private String startedAt;

    @JsonPropertyDescription("When the recording ended (RFC 3339).")
    private String endedAt;

    @JsonPropertyDescription("Number of segments written so far, as the recorder reports it.")
    private Long segments;

    @JsonPropertyDescription("Bytes written so far, as the recorder reports it.")
    private Long bytes;

    @JsonPropertyDescription("The file being written now.")
    private String currentFile;

    @JsonPropertyDescription("Why the recording is in its phase, for people.")
    private String message;

    public Long getObservedGeneration() { return observedGeneration; }
    public void setObservedGeneration(Long observedGeneration) { this.observedGeneration = observedGeneration; }
    public RecordingPhase getPhase() { return phase; }
    public void setPhase(RecordingPhase phase) { this.phase = phase; }
    public List<Condition> getConditions() { return conditions; }
    public void setConditions(List<Condition> conditions) { this.conditions = conditions; }
    public String getNodeName() { return nodeName; }
    public void setNodeName(String nodeName) { this.nodeName = nodeName; }
    public String getRecorderPod() { return recorderPod; }
    public void setRecorderPod(String recorderPod) { this.recorderPod = recorderPod; }
    public String getStartedAt() { return startedAt; }
    public void setStartedAt(String startedAt) { this.startedAt = startedAt; }
    public String getEndedAt() { return endedAt; }
    public void setEndedAt(String endedAt) { this.endedAt = endedAt; }
    public Long getSegments() { return segments; }
    public void setSegments(Long segments) { this.segments = segments; }
    public Long getBytes() { return bytes; }
    public void setBytes(Long bytes) { this.bytes = bytes; }
    public String getCurrentFile() { return currentFile; }
    public void setCurrentFile(String currentFile) { this.currentFile = currentFile; }
    public String getMessage() { return message; }
    public void setMessage(String message) { this.message = message; }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof RecordingStatus s)) return false;
        return Objects.equals(observedGeneration, s.observedGeneration) && phase == s.phase
                && Objects.equals(conditions, s.conditions) && Objects.equals(nodeName, s.nodeName)
                && Objects.equals(recorderPod, s.recorderPod) && Objects.equals(startedAt, s.startedAt)
                && Objects.equals(endedAt, s.endedAt) && Objects.equals(segments, s.segments)
                && Objects.equals(bytes, s.bytes) && Objects.equals(currentFile, s.currentFile)
                && Objects.equals(message, s.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(observedGeneration, phase, conditions, nodeName, startedAt, currentFile, message);
    }
}
