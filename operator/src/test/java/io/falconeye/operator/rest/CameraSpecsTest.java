package io.falconeye.operator.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.falconeye.operator.api.Protocol;
import java.util.List;
import org.junit.jupiter.api.Test;

class CameraSpecsTest {

    private static CameraRequest request(String name, String protocol, String url) {
        return new CameraRequest(name, protocol, null, url, null, null, null, null, null, null, null, null);
    }

    @Test
    void credentialsLeaveTheUrlAndGoAside() {
        CameraSpecs.Parsed parsed = CameraSpecs.create(
                request("Back Yard", "rtsp", "rtsp://admin:p%40ss%3Aw0rd@cam.local:8554/live?ch=1"));
        assertThat(parsed.spec().getSource().getUrl()).isEqualTo("rtsp://cam.local:8554/live?ch=1");
        assertThat(parsed.username()).isEqualTo("admin");
        assertThat(parsed.password()).isEqualTo("p@ss:w0rd");
        assertThat(parsed.spec().getResolution()).as("left to the settings in effect").isNull();
        assertThat(parsed.spec().getFramerate()).as("left to the settings in effect").isNull();
    }

    @Test
    void givenResolutionAndFramerateGoIntoTheSpec() {
        CameraRequest request = new CameraRequest("a", "rtsp", null, "rtsp://h/x", null, null, "640x480", 12, null, null, null, null);
        assertThat(CameraSpecs.create(request).spec().getResolution()).isEqualTo("640x480");
        assertThat(CameraSpecs.create(request).spec().getFramerate()).isEqualTo(12);
    }

    @Test
    void watchedNamespacesFollowTheOperatorSetting() {
        assertThat(io.falconeye.operator.cache.WatchedNamespaces.of(List.of(), "cur")).isEmpty();
        assertThat(io.falconeye.operator.cache.WatchedNamespaces.of(List.of("JOSDK_ALL_NAMESPACES"), "cur")).isEmpty();
        assertThat(io.falconeye.operator.cache.WatchedNamespaces.of(List.of("falcon-eye"), "cur"))
                .contains(java.util.Set.of("falcon-eye"));
        assertThat(io.falconeye.operator.cache.WatchedNamespaces.of(List.of(" a", "b ", "JOSDK_WATCH_CURRENT"), "cur"))
                .contains(java.util.Set.of("a", "b", "cur"));
        assertThat(io.falconeye.operator.cache.WatchedNamespaces.of(List.of("a", "JOSDK_ALL_NAMESPACES"), "cur")).isEmpty();
    }

    @Test
    void onvifUrlsBecomeHostPortAndProfile() {
        CameraSpecs.Parsed parsed = CameraSpecs.create(request("door", "onvif", "onvif://u:p@10.0.0.7:8899/main"));
        assertThat(parsed.spec().getProtocol()).isEqualTo(Protocol.ONVIF);
        assertThat(parsed.spec().getSource().getHost()).isEqualTo("10.0.0.7");
        assertThat(parsed.spec().getSource().getPort()).isEqualTo(8899);
        assertThat(parsed.spec().getSource().getProfile()).isEqualTo("main");
        assertThat(parsed.spec().getSource().getUrl()).isNull();
    }

    @Test
    void usbNeedsANodeAndDefaultsTheDevice() {
        assertThatThrownBy(() -> CameraSpecs.create(request("desk", "usb", null)))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.field()).isEqualTo("node_name"));
        CameraRequest usb = new CameraRequest("desk", "usb", null, null, null, "node-a", null, null, null, null, null, null);
        assertThat(CameraSpecs.create(usb).spec().getSource().getDevicePath()).isEqualTo("/dev/video0");
        CameraRequest bad = new CameraRequest("desk", "usb", null, null, "/etc/../dev/x y", "node-a", null, null, null,
                null, null, null);
        assertThatThrownBy(() -> CameraSpecs.create(bad))
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
        assertThatThrownBy(() -> CameraSpecs.create(request("a", "rtsp", "file:///etc/passwd")))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.field()).isEqualTo("source_url"));
        assertThatThrownBy(() -> CameraSpecs.create(request("a", "RTSP", "rtsp://h/x")))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.getMessage()).contains("usb, rtsp, onvif, http"));
    }
}
