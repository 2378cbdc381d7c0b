package io.falconeye.operator.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem: what went wrong, for people, and which field when a field is to blame. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String field) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
