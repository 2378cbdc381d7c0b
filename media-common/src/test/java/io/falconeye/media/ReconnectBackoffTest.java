package io.falconeye.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {

    @Test
    void growsExponentiallyUpToTheCapWithoutJitter() {
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(10), 2.0, 0.0);

        List<Long> seconds = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            seconds.add(backoff.nextDelay().toSeconds());
        }

        assertThat(seconds).containsExactly(1L, 2L, 4L, 8L, 10L, 10L);
        assertThat(backoff.failures()).isEqualTo(6);
    }

    @Test
    void resetStartsOverAfterASuccess() {
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 3.0, 0.0);
        backoff.nextDelay();
        backoff.nextDelay();

        backoff.reset();

        assertThat(backoff.nextDelay()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void jitterSpreadsDelaysWithinItsBoundsAndNeverPastTheCap() {
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 2.0, 0.2,
                new Random(7));
        List<Long> firstDelays = new ArrayList<>();
        for (int run = 0; run < 50; run++) {
            backoff.reset();
            firstDelays.add(backoff.nextDelay().toMillis());
        }
        assertThat(firstDelays).allSatisfy(ms -> assertThat(ms).isBetween(800L, 1200L));
        assertThat(firstDelays.stream().distinct().count()).isGreaterThan(10);

        for (int i = 0; i < 100; i++) {
            assertThat(backoff.nextDelay()).isLessThanOrEqualTo(Duration.ofSeconds(30));
        }
    }

    @Test
    void rejectsNonsensicalSettings() {
        assertThatThrownBy(() -> new ReconnectBackoff(Duration.ZERO, Duration.ofSeconds(1), 2, 0))
                .hasMessageContaining("initial back-off must be positive");
        assertThatThrownBy(() -> new ReconnectBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 0))
                .hasMessageContaining("below the initial");
        assertThatThrownBy(() -> new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 0.5, 0))
                .hasMessageContaining("multiplier");
        assertThatThrownBy(() -> new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 2, 1.5))
                .hasMessageContaining("jitter");
    }
}
