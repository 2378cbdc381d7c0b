package io.falconeye.operator.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.falconeye.operator.api.Camera;
import io.falconeye.operator.api.CameraSource;
import io.falconeye.operator.api.CameraSpec;
import io.falconeye.operator.api.Protocol;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class CameraJsonCacheTest {

    private static final CameraView.Defaults DEFAULTS = new CameraView.Defaults(null, 15);
    private final CameraJsonCache cache = new CameraJsonCache(new ObjectMapper());

    @Test
    void theWholeListIsReusedUntilACameraChanges() {
        List<Camera> cameras = new ArrayList<>(List.of(camera("a", "1"), camera("b", "2")));
        byte[] first = cache.all(cameras, DEFAULTS, CameraJsonCacheTest::byName);
        assertThat(cache.all(List.of(cameras.get(1), cameras.get(0)), DEFAULTS, CameraJsonCacheTest::byName))
                .as("same cameras in another order").isSameAs(first);

        cameras.set(0, camera("a", "3")); // updated: new resourceVersion
        byte[] updated = cache.all(cameras, DEFAULTS, CameraJsonCacheTest::byName);
        assertThat(updated).isNotSameAs(first);
        assertThat(new String(updated, StandardCharsets.UTF_8)).contains("\"location\":\"rv 3\"")
                .doesNotContain("\"location\":\"rv 1\"");

        cameras.remove(1);
        assertThat(new String(cache.all(cameras, DEFAULTS, CameraJsonCacheTest::byName), StandardCharsets.UTF_8))
                .contains("\"total\":1").doesNotContain("uid-b");
        cameras.add(camera("c", "4"));
        assertThat(new String(cache.all(cameras, DEFAULTS, CameraJsonCacheTest::byName), StandardCharsets.UTF_8))
                .contains("\"total\":2").contains("uid-c");
    }

    @Test
    void aChangedDefaultIsShownWithoutAnyCameraChanging() {
        List<Camera> cameras = List.of(camera("a", "1"));
        byte[] first = cache.all(cameras, DEFAULTS, CameraJsonCacheTest::byName);
        assertThat(new String(first, StandardCharsets.UTF_8)).contains("\"framerate\":15").contains("\"resolution\":null");
        byte[] changed = cache.all(cameras, new CameraView.Defaults("640x480", 10), CameraJsonCacheTest::byName);
        assertThat(new String(changed, StandardCharsets.UTF_8)).contains("\"framerate\":10")
                .contains("\"resolution\":\"640x480\"");
        assertThat(new String(cache.list(cameras, new CameraView.Defaults("640x480", 10), v -> true),
                StandardCharsets.UTF_8)).contains("\"framerate\":10");
    }

    @Test
    void aCameraOfItsOwnKeepsItsResolutionAndFramerate() {
        Camera camera = camera("a", "1");
        camera.getSpec().setResolution("320x240");
        camera.getSpec().setFramerate(5);
        CameraView view = CameraView.of(camera, new CameraView.Defaults("640x480", 10));
        assertThat(view.resolution()).isEqualTo("320x240");
        assertThat(view.framerate()).isEqualTo(5);
    }

    @Test
    void theFingerprintSeesEveryChangeAndNoOrder() {
        Camera a = camera("a", "1");
        Camera b = camera("b", "2");
        long both = CameraJsonCache.fingerprint(List.of(a, b));
        assertThat(CameraJsonCache.fingerprint(List.of(b, a))).isEqualTo(both);
        assertThat(CameraJsonCache.fingerprint(List.of(a))).isNotEqualTo(both);
        assertThat(CameraJsonCache.fingerprint(List.of(a, camera("b", "5")))).isNotEqualTo(both);
        // swapping versions between cameras is a change too
        assertThat(CameraJsonCache.fingerprint(List.of(camera("a", "2"), camera("b", "1")))).isNotEqualTo(both);
    }

    private static List<Camera> byName(List<Camera> cameras) {
        return cameras.stream().sorted(Comparator.comparing(c -> c.getMetadata().getName())).toList();
    }

    private static Camera camera(String name, String resourceVersion) {
        Camera camera = new Camera();
        camera.getMetadata().setName(name);
        camera.getMetadata().setNamespace("ns");
        camera.getMetadata().setUid("uid-" + name);
        camera.getMetadata().setResourceVersion(resourceVersion);
        camera.getMetadata().setCreationTimestamp("2026-01-01T00:00:00Z");
        CameraSpec spec = new CameraSpec();
        spec.setProtocol(Protocol.RTSP);
        CameraSource source = new CameraSource();
        source.setUrl("rtsp://10.0.0.1/" + name);
        spec.setSource(source);
        spec.setLocation("rv " + resourceVersion);
        camera.setSpec(spec);
        return camera;
    }
}
