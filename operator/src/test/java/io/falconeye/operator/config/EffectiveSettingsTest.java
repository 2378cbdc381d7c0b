package io.falconeye.operator.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.falconeye.operator.model.TestCameras;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EffectiveSettingsTest {

    private final FalconEyeConfig env = TestCameras.env("node-b", "node-c", List.of("jetson-1", " jetson-2 "));

    @Test
    void environmentAloneWhenThereIsNoConfigMap() {
        EffectiveSettings s = EffectiveSettings.of(env, null);
        assertThat(s.defaultCameraNode()).contains("node-b");
        assertThat(s.defaultRecorderNode()).contains("node-c");
        assertThat(s.jetsonNodes()).containsExactly("jetson-1", "jetson-2");
        assertThat(s.defaultResolution()).isEmpty();
        assertThat(s.defaultFramerate()).isEqualTo(15);
        assertThat(s.creatingTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.env()).isSameAs(env);
    }

    @Test
    void configMapKeysWinAlsoWhenEmpty() {
        EffectiveSettings s = EffectiveSettings.of(env, Map.of(
                "DEFAULT_CAMERA_NODE", " node-a ", "DEFAULT_RECORDER_NODE", "", "JETSON_NODES", "",
                "DEFAULT_RESOLUTION", "1280x720", "DEFAULT_FRAMERATE", "30", "CREATING_TIMEOUT_MINUTES", "2"));
        assertThat(s.defaultCameraNode()).contains("node-a");
        assertThat(s.defaultRecorderNode()).isEmpty();
        assertThat(s.jetsonNodes()).isEmpty();
        assertThat(s.isJetson("jetson-1")).isFalse();
        assertThat(s.defaultResolution()).contains("1280x720");
        assertThat(s.defaultFramerate()).isEqualTo(30);
        assertThat(s.creatingTimeoutMinutes()).isEqualTo(2);
    }

    @Test
    void valuesThatDoNotParseFallBackToTheEnvironment() {
        EffectiveSettings s = EffectiveSettings.of(env, Map.of("DEFAULT_RESOLUTION", "big", "DEFAULT_FRAMERATE", "99",
                "CREATING_TIMEOUT_MINUTES", "soon", "JETSON_NODES", "a, ,b,"));
        assertThat(s.defaultResolution()).isEqualTo(Optional.empty());
        assertThat(s.defaultFramerate()).isEqualTo(15);
        assertThat(s.creatingTimeoutMinutes()).isEqualTo(5);
        assertThat(s.jetsonNodes()).containsExactly("a", "b");
        assertThat(EffectiveSettings.of(env, Map.of("CREATING_TIMEOUT_MINUTES", "0")).creatingTimeoutMinutes()).isEqualTo(5);
    }
}
