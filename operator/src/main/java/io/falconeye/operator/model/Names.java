package io.falconeye.operator.model;

import io.falconeye.operator.api.Camera;

/** Resource names of the seed: cam-{slug}, svc-{slug}, rec-{slug}, svc-rec-{slug}. */
public final class Names {

    public static final int RELAY_PORT = 8081;
    public static final int RECORDER_PORT = 8080;

    private Names() {
    }

    /** The camera's name is already a valid slug: the CRD allows no dots and at most 55 characters. */
    public static String slug(Camera camera) {
        return camera.getMetadata().getName();
    }

    public static String relayDeployment(Camera camera) {
        return "cam-" + slug(camera);
    }

    public static String relayService(Camera camera) {
        return relayService(slug(camera));
    }

    public static String relayService(String cameraName) {
        return "svc-" + cameraName;
    }

    public static String recorderDeployment(Camera camera) {
        return "rec-" + slug(camera);
    }

    public static String recorderService(Camera camera) {
        return recorderService(slug(camera));
    }

    public static String recorderService(String cameraName) {
        return "svc-rec-" + cameraName;
    }

    /** The camera id of the REST API and the dashboard. */
    public static String cameraId(Camera camera) {
        return camera.getMetadata().getUid();
    }

    public static String streamPath(Camera camera) {
        return "/api/cameras/" + cameraId(camera) + "/stream";
    }
}
