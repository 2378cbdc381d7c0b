package io.falconeye.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.falconeye.testsupport.kube.ControlPlane;
import io.falconeye.testsupport.kube.KubectlResult;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** `kubectl apply` rejects bad cameras and recordings with a message a person understands (schema + CEL). */
@io.quarkus.test.junit.QuarkusTest
@io.quarkus.test.common.QuarkusTestResource(value = OperatorOnControlPlane.class, restrictToAnnotatedClass = true)
class BadCameraSpecTest {

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = OperatorOnControlPlane.TEST_NAMESPACE_PROPERTY)
    String ns;

    static Stream<Arguments> badSpecs() {
        return Stream.of(
                Arguments.of("usb without nodeName", "protocol: usb\n  source: {devicePath: /dev/video0}",
                        "a usb camera needs spec.nodeName"),
                Arguments.of("usb with an empty devicePath", "protocol: usb\n  nodeName: node-a\n  source: {devicePath: ''}",
                        "source.devicePath must be a device under /dev"),
                Arguments.of("usb with a url", "protocol: usb\n  nodeName: node-a\n  source: {url: 'http://cam.local/v'}",
                        "a usb camera takes spec.source.devicePath only, not a url or host"),
                Arguments.of("usb device outside /dev", "protocol: usb\n  nodeName: node-a\n  source: {devicePath: /etc/passwd}",
                        "must be a device under /dev"),
                Arguments.of("rtsp without url", "protocol: rtsp\n  source: {host: cam.local}",
                        "an rtsp camera needs spec.source.url starting with rtsp://"),
                Arguments.of("rtsp with an http url", "protocol: rtsp\n  source: {url: 'http://cam.local/live'}",
                        "an rtsp camera needs spec.source.url starting with rtsp://"),
                Arguments.of("http without http(s)://", "protocol: http\n  source: {url: 'ftp://cam.local/x.mjpg'}",
                        "an http camera needs spec.source.url starting with http:// or https://"),
                Arguments.of("credentials in the url", "protocol: rtsp\n  source: {url: 'rtsp://admin:secret@cam.local/live'}",
                        "must not contain credentials"),
                Arguments.of("onvif without host", "protocol: onvif\n  source: {port: 80}",
                        "an onvif camera needs spec.source.host"),
                Arguments.of("bad resolution", "protocol: http\n  source: {url: 'http://cam.local/v'}\n  resolution: big",
                        "spec.resolution must be WIDTHxHEIGHT"),
                Arguments.of("framerate too high", "protocol: http\n  source: {url: 'http://cam.local/v'}\n  framerate: 120",
                        "spec.framerate: Invalid value: 120: spec.framerate in body should be less than or equal to 60"),
                Arguments.of("framerate zero", "protocol: http\n  source: {url: 'http://cam.local/v'}\n  framerate: 0",
                        "should be greater than or equal to 1"),
                Arguments.of("unknown protocol", "protocol: ftp\n  source: {url: 'ftp://cam.local/v'}",
                        "supported values: \"http\", \"onvif\", \"rtsp\", \"usb\""),
                Arguments.of("missing protocol", "source: {url: 'http://cam.local/v'}",
                        "spec.protocol: Required value"),
                Arguments.of("devicePath on a network camera", "protocol: http\n  source: {url: 'http://cam.local/v', devicePath: /dev/video0}",
                        "spec.source.devicePath is only for usb cameras"),
                Arguments.of("onvif port out of range", "protocol: onvif\n  source: {host: cam.local, port: 70000}",
                        "should be less than or equal to 65535"),
                Arguments.of("segment too short", "protocol: http\n  source: {url: 'http://cam.local/v'}\n  recording: {mode: continuous, segmentSeconds: 1}",
                        "should be greater than or equal to 10"),
                Arguments.of("unknown recording mode", "protocol: http\n  source: {url: 'http://cam.local/v'}\n  recording: {mode: sometimes}",
                        "supported values: \"continuous\", \"off\""),
                Arguments.of("secret ref without name", "protocol: http\n  source: {url: 'http://cam.local/v'}\n  credentialsSecretRef: {usernameKey: u}",
                        "spec.credentialsSecretRef.name: Required value"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSpecs")
    void rejectedAtApply(String what, String spec, String expectedMessage) {
        KubectlResult result = apply("""
                apiVersion: falcon-eye.io/v1alpha1
                kind: Camera
                metadata:
                  name: bad
                spec:
                  %s
                """.formatted(spec));
        assertThat(result.exitCode()).as(what + " must be rejected").isNotZero();
        assertThat(result.stderr()).contains(expectedMessage);
    }

    @org.junit.jupiter.api.Test
    void cameraNameTooLongForItsServices() {
        KubectlResult result = apply("""
                apiVersion: falcon-eye.io/v1alpha1
                kind: Camera
                metadata:
                  name: a-camera-name-that-is-far-too-long-for-the-service-names-x
                spec:
                  protocol: http
                  source: {url: 'http://cam.local/v'}
                """);
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("at most 55 characters");
    }

    @org.junit.jupiter.api.Test
    void goodCameraIsAccepted() {
        KubectlResult result = apply("""
                apiVersion: falcon-eye.io/v1alpha1
                kind: Camera
                metadata:
                  name: good
                spec:
                  protocol: rtsp
                  source: {url: 'rtsp://cam.local:554/live'}
                  resolution: 1920x1080
                """);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
    }

    @org.junit.jupiter.api.Test
    void usbCameraWithoutDevicePathIsAcceptedAndGetsDevVideo0() {
        KubectlResult result = apply("""
                apiVersion: falcon-eye.io/v1alpha1
                kind: Camera
                metadata:
                  name: usb-default-device
                spec:
                  protocol: usb
                  nodeName: node-a
                """);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        String device = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> ControlPlane.shared().kubectlResult("get", "deployment", "cam-usb-default-device", "-n", ns,
                        "-o", "jsonpath={.spec.template.spec.volumes[0].hostPath.path}").stdout().trim(), d -> !d.isEmpty());
        assertThat(device).isEqualTo("/dev/video0");
    }

    @org.junit.jupiter.api.Test
    void recordingCannotMoveToAnotherCameraNorRestart() {
        assertThat(apply(recording("cam-a", "stop: true")).exitCode()).isZero();
        KubectlResult moved = apply(recording("cam-b", "stop: true"));
        assertThat(moved.exitCode()).isNotZero();
        assertThat(moved.stderr()).contains("a Recording's camera and duration cannot be changed");
        KubectlResult restarted = apply(recording("cam-a", "stop: false"));
        assertThat(restarted.exitCode()).isNotZero();
        assertThat(restarted.stderr()).contains("a stopped Recording cannot be restarted");
    }

    private static String recording(String camera, String line) {
        return """
                apiVersion: falcon-eye.io/v1alpha1
                kind: Recording
                metadata:
                  name: rec-immutable
                spec:
                  cameraRef: %s
                  %s
                """.formatted(camera, line);
    }

    private KubectlResult apply(String yaml) {
        return ControlPlane.shared().kubectlWithInput(yaml, "apply", "-n", ns, "-f", "-");
    }
}
