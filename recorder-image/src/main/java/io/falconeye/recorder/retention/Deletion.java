package io.falconeye.recorder.retention;

import io.falconeye.recorder.segments.StoredFile;

/** A file to delete and why: {@code max_age}, {@code max_bytes} or {@code min_free_space}. */
public record Deletion(StoredFile file, String reason) {
    public static final String MAX_AGE = "max_age";
    public static final String MAX_BYTES = "max_bytes";
    public static final String MIN_FREE_SPACE = "min_free_space";
}
