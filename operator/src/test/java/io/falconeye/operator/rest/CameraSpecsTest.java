package io.falconeye.operator.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.falconeye.operator.api.Protocol;
import org.junit.jupiter.api.Test;

class CameraSpecsTest {

    private static CameraRequest request(String name, String protocol, String url) {
        return new CameraRequest(name, protocol, null, url, null, null, null, null, null, null, null, null);
    }

    @Test
    void credentialsLeaveTheUrlAndGoAside() {
        CameraSpecs.Parsed parsed = CameraSpecs.create(
                request("Back Yard", "rtsp", "rtsp://admin:p%40ss%3Aw0rd@cam.local:8554/live?ch=1"), "640x480", 15);
        assertThat(parsed.spec().getSource().getUrl()).isEqualTo("rtsp://cam.local:8554/live?ch=1");
        assertThat(parsed.username()).isEqualTo("admin");
        assertThat(parsed.password()).isEqualTo("p@ss:w0rd");
        assertThat(parsed.spec().getResolution()).isEqualTo("640x480");
        assertThat(parsed.spec().getFramerate()).isEqualTo(15);
    }

    @Test
    void onvifUrlsBecomeHostPortAndProfile() {
        CameraSpecs.Parsed parsed = CameraSpecs.create(request("door", "onvif", "onvif://u:p@10.0.0.7:8899/main"), null, null);
        assertThat(parsed.spec().getProtocol()).isEqualTo(Protocol.ONVIF);
        assertThat(parsed.spec().getSource().getHost()).isEqualTo("10.0.0.7");
        assertThat(parsed.spec().getSource().getPort()).isEqualTo(8899);
        assertThat(parsed.spec().getSource().getProfile()).isEqualTo("main");
        assertThat(parsed.spec().getSource().getUrl()).isNull();
    }

    @Test
    void usbNeedsANodeAndDefaultsTheDevice() {
        assertThatThrownBy(() -> CameraSpecs.create(request("desk", "usb", null), null, null))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.field()).isEqualTo("node_name"));
        CameraRequest usb = new CameraRequest("desk", "usb", null, null, null, "node-a", null, null, null, null, null, null);
        assertThat(CameraSpecs.create(usb, null, null).spec().getSource().getDevicePath()).isEqualTo("/dev/video0");
        CameraRequest bad = new CameraRequest("desk", "usb", null, null, "/etc/../dev/x y", "node-a", null, null, null,
                null, null, null);
        assertThatThrownBy(() -> CameraSpecs.create(bad, null, null))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.field()).isEqualTo("device_path"));
    }

    @Test
    void namesBecomeResourceSlugs() {
        assertThat(CameraSpecs.slug("Front Door #2")).isEqualTo("front-door-2");
        assertThat(CameraSpecs.slug("x".repeat(80))).hasSize(55);
        assertThatThrownBy(() -> CameraSpecs.requireName("!!!")).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> CameraSpecs.requireName("a".repeat(256))).isInstanceOf(ProblemException.class);
    }

    @Test
    void wrongSchemesAndProtocolsAreNamed() {
        assertThatThrownBy(() -> CameraSpecs.create(request("a", "rtsp", "file:///etc/passwd"), null, null))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.field()).isEqualTo("source_url"));
        assertThatThrownBy(() -> CameraSpecs.create(request("a", "RTSP", "rtsp://h/x"), null, null))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.getMessage()).contains("usb, rtsp, onvif, http"));
    }
}
