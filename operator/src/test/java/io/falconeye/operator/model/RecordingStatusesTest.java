package io.falconeye.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.falconeye.operator.api.Recording;
import io.falconeye.operator.api.RecordingPhase;
import io.falconeye.operator.api.RecordingSpec;
import io.falconeye.operator.api.RecordingStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecordingStatusesTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void waitingForTheRecorderIsPendingWithAReasonNamingTheService() {
        RecordingStatus status = RecordingStatuses.waitingForRecorder(recording(), "svc-rec-porch", "not answering", T0);
        assertThat(status.getPhase()).isEqualTo(RecordingPhase.Pending);
        var ready = Conditions.find(status.getConditions(), "Ready").orElseThrow();
        assertThat(ready.getStatus()).isEqualTo("False");
        assertThat(ready.getReason()).isEqualTo("RecorderUnavailable");
        assertThat(ready.getMessage()).isEqualTo(status.getMessage())
                .contains("svc-rec-porch", "not answering", "retrying");
    }

    @Test
    void anotherAttemptLeavesTheStatusEqualSoNothingIsWritten() {
        Recording recording = recording();
        recording.setStatus(RecordingStatuses.waitingForRecorder(recording, "svc-rec-porch", "not answering", T0));
        RecordingStatus again = RecordingStatuses.waitingForRecorder(recording, "svc-rec-porch", "not answering",
                T0.plusSeconds(42));
        assertThat(again).isEqualTo(recording.getStatus());
    }

    @Test
    void waitingAfterRecorderNotReadyKeepsTheTimeReadyBecameFalse() {
        Recording recording = recording();
        recording.setStatus(RecordingStatuses.pending(recording, "RecorderNotReady", "waiting", T0));
        RecordingStatus waiting = RecordingStatuses.waitingForRecorder(recording, "svc-rec-porch", "HTTP 503",
                T0.plusSeconds(30));
        assertThat(Conditions.find(waiting.getConditions(), "Ready").orElseThrow().getLastTransitionTime())
                .isEqualTo("2026-01-01T10:00:00Z");
        assertThat(RecordingStatuses.retryAfter(waiting, T0.plusSeconds(30))).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void retryBacksOffFromOneSecondToAtMostFive() {
        RecordingStatus waiting = RecordingStatuses.waitingForRecorder(recording(), "svc-rec-porch", "not answering", T0);
        assertThat(RecordingStatuses.retryAfter(waiting, T0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(RecordingStatuses.retryAfter(waiting, T0.plusSeconds(2))).isEqualTo(Duration.ofSeconds(1));
        assertThat(RecordingStatuses.retryAfter(waiting, T0.plusSeconds(12))).isEqualTo(Duration.ofSeconds(3));
        assertThat(RecordingStatuses.retryAfter(waiting, T0.plusSeconds(3600))).isEqualTo(Duration.ofSeconds(5));
        assertThat(RecordingStatuses.retryAfter(null, T0)).isEqualTo(Duration.ofSeconds(1));
    }

    private static Recording recording() {
        Recording recording = new Recording();
        recording.setMetadata(new ObjectMetaBuilder().withName("porch-evening").withNamespace("video")
                .withUid("6f1c1a2e-0000-4000-8000-000000000002").withGeneration(1L).build());
        RecordingSpec spec = new RecordingSpec();
        spec.setCameraRef("porch");
        recording.setSpec(spec);
        return recording;
    }
}
