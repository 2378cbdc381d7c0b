package io.falconeye.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** Which camera to record, for how long, and whether to stop now. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.cameraRef == oldSelf.cameraRef && has(self.durationSeconds) == has(oldSelf.durationSeconds)"
        + " && (!has(self.durationSeconds) || self.durationSeconds == oldSelf.durationSeconds)",
        message = "a Recording's camera and duration cannot be changed; create a new Recording")
@ValidationRule(value = "!has(oldSelf.stop) || !oldSelf.stop || (has(self.stop) && self.stop)", message = "a stopped Recording cannot be restarted; create a new Recording")
public class RecordingSpec {

    @JsonPropertyDescription("Name of the Camera to record, in the Recording's namespace.")
    @Required
    @ValidationRule(value = "self.matches('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$')",
            message = "spec.cameraRef must be the name of a Camera")
    private String cameraRef;

    @JsonPropertyDescription("Stop by itself after this many seconds (1-86400); runs until stopped when empty.")
    @Min(1)
    @Max(86400)
    private Long durationSeconds;

    @JsonPropertyDescription("true stops the recording now; the phase becomes Stopped.")
    private boolean stop;

    public String getCameraRef() { return cameraRef; }
    public void setCameraRef(String cameraRef) { this.cameraRef = cameraRef; }
    public Long getDurationSeconds() { return durationSeconds; }
    public void setDurationSeconds(Long durationSeconds) { this.durationSeconds = durationSeconds; }
    public boolean isStop() { return stop; }
    public void setStop(boolean stop) { this.stop = stop; }
}
