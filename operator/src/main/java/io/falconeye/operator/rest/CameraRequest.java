package io.falconeye.operator.rest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Body of POST /api/cameras and PATCH /api/cameras/{id}; in PATCH every field is optional. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = false)
public record CameraRequest(
        String name,
        String protocol,
        String location,
        String sourceUrl,
        String devicePath,
        String nodeName,
        String resolution,
        Integer framerate,
        JsonNode metadata,
        String username,
        String password,
        Boolean enabled) {
}
