package io.falconeye.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** How long a camera's files are kept on its node; the oldest go first. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Retention {

    @JsonPropertyDescription("Delete files older than this many days (1-3650); kept forever when empty.")
    @Min(1)
    @Max(3650)
    private Integer maxAgeDays;

    @JsonPropertyDescription("Delete the oldest files while the camera's files take more than this many bytes; unlimited when empty.")
    @Min(1)
    private Long maxBytes;

    public Integer getMaxAgeDays() { return maxAgeDays; }
    public void setMaxAgeDays(Integer maxAgeDays) { this.maxAgeDays = maxAgeDays; }
    public Long getMaxBytes() { return maxBytes; }
    public void setMaxBytes(Long maxBytes) { this.maxBytes = maxBytes; }
}
