package io.falconeye.operator.it;

/** Minimal network cameras for the process-level tests and the benchmark. */
final class CameraYaml {

    private CameraYaml() {
    }

    static String http(String name) {
        return """
                apiVersion: falcon-eye.io/v1alpha1
                kind: Camera
                metadata:
                  name: %s
                spec:
                  protocol: http
                  source:
                    url: http://192.0.2.60:8080/%s.mjpg
                """.formatted(name, name);
    }
}
