package io.falconeye.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.falconeye.media.source.Protocol;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvConfigTest {

    private final EnvConfig env = EnvConfig.of(Map.of(
            "PORT", "8081", "BAD_PORT", "80a", "HUGE", "70000", "BLANK", "  ",
            "TIMEOUT", "500ms", "ISO", "PT2M", "BARE", "15", "FLAG", "Yes",
            "PROTOCOL", "Onvif", "CAMERA_PASSWORD", "hunter2"));

    @Test
    void readsTypedValuesAndDefaults() {
        assertThat(env.integer("PORT", 1, 1, 65535)).isEqualTo(8081);
        assertThat(env.integer("UNSET", 42, 1, 65535)).isEqualTo(42);
        assertThat(env.integer("BLANK", 42, 1, 65535)).isEqualTo(42);
        assertThat(env.duration("TIMEOUT", Duration.ZERO)).isEqualTo(Duration.ofMillis(500));
        assertThat(env.duration("ISO", Duration.ZERO)).isEqualTo(Duration.ofMinutes(2));
        assertThat(env.duration("BARE", Duration.ZERO)).isEqualTo(Duration.ofSeconds(15));
        assertThat(env.bool("FLAG", false)).isTrue();
        assertThat(env.enumValue("PROTOCOL", Protocol.class, Protocol.RTSP)).isEqualTo(Protocol.ONVIF);
        assertThat(env.string("UNSET", "x")).isEqualTo("x");
    }

    @Test
    void missingAndMalformedValuesNameTheVariable() {
        assertThatThrownBy(() -> env.required("CAMERA_URL"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("CAMERA_URL is required but not set")
                .satisfies(e -> assertThat(((ConfigException) e).variable()).isEqualTo("CAMERA_URL"));
        assertThatThrownBy(() -> env.integer("BAD_PORT", 1, 1, 65535))
                .hasMessage("BAD_PORT must be an integer in 1..65535, got '80a'");
        assertThatThrownBy(() -> env.integer("HUGE", 1, 1, 65535))
                .hasMessage("HUGE must be an integer in 1..65535, got '70000'");
        assertThatThrownBy(() -> env.duration("PORT", Duration.ZERO).plus(env.duration("FLAG", Duration.ZERO)))
                .hasMessageStartingWith("FLAG must be a duration like 10s");
        assertThatThrownBy(() -> env.enumValue("FLAG", Protocol.class, null))
                .hasMessage("FLAG must be one of rtsp, onvif, http, usb, got 'Yes'");
        assertThatThrownBy(() -> env.bool("PORT", false)).hasMessage("PORT must be true or false, got '8081'");
    }

    @Test
    void neverEchoesSecretValues() {
        assertThatThrownBy(() -> env.integer("CAMERA_PASSWORD", 0, 0, 10))
                .hasMessage("CAMERA_PASSWORD must be an integer in 0..10, got (value hidden)");
    }
}
