package io.falconeye.operator.api;

/** Annotations the REST API keeps on a Camera for fields of the earlier API that are not spec. */
public final class CameraAnnotations {

    /** The name people gave the camera (any text, 1-255 characters); metadata.name is its slug. */
    public static final String DISPLAY_NAME = Camera.GROUP + "/display-name";
    /** Free JSON object the user attached to the camera. */
    public static final String METADATA = Camera.GROUP + "/metadata";

    private CameraAnnotations() {
    }
}
