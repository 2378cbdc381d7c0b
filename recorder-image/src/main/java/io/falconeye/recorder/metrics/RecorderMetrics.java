package io.falconeye.recorder.metrics;

import io.falconeye.recorder.events.EventJournal;
import io.falconeye.recorder.events.RecorderEvent;
import io.falconeye.recorder.session.Recorder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/** Prometheus metrics, fed by the events the recorder reports. */
public final class RecorderMetrics implements Consumer<RecorderEvent> {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Tags tags;
    private final Counter bytes;
    private final Counter segments;
    private final Counter gaps;
    private final Counter failures;
    private final AtomicLong lastSegmentEpochSeconds = new AtomicLong();

    public RecorderMetrics(String cameraId, LongSupplier freeBytes) {
        tags = Tags.of("camera_id", cameraId);
        bytes = Counter.builder("recorder_written_bytes").description("Bytes of finished segments")
                .baseUnit("bytes").tags(tags).register(registry);
        segments = Counter.builder("recorder_segments").description("Segments finished").tags(tags).register(registry);
        gaps = Counter.builder("recorder_gaps").description("Gaps in the recording (source outages)")
                .tags(tags).register(registry);
        failures = Counter.builder("recorder_source_failures").description("Source failures reported")
                .tags(tags).register(registry);
        Gauge.builder("recorder_last_segment_timestamp_seconds", lastSegmentEpochSeconds, AtomicLong::get)
                .description("End of the last finished segment, Unix time").tags(tags).strongReference(true).register(registry);
        Gauge.builder("recorder_free_space_bytes", freeBytes, s -> (double) s.getAsLong())
                .description("Free bytes on the recordings volume").tags(tags).strongReference(true).register(registry);
    }

    /** Gauges that need the recorder and the journal, once both exist. */
    public void bind(Recorder recorder, EventJournal journal) {
        Gauge.builder("recorder_recording", recorder, r -> r.status() == Recorder.Status.RECORDING ? 1 : 0)
                .description("1 while recording").tags(tags).strongReference(true).register(registry);
        if (journal != null) {
            Gauge.builder("recorder_events_pending", journal, EventJournal::pendingCount)
                    .description("Events waiting in the journal for the API").tags(tags).strongReference(true).register(registry);
            FunctionCounter.builder("recorder_events_superseded", journal, EventJournal::supersededCount)
                    .description("Undelivered events compacted away by a newer event of the same file (journal over its cap)")
                    .tags(tags).register(registry);
            FunctionCounter.builder("recorder_events_dropped", journal, EventJournal::droppedCount)
                    .description("Undelivered gap, failure and recording events dropped because the journal was full")
                    .tags(tags).register(registry);
        }
    }

    @Override
    public void accept(RecorderEvent event) {
        switch (event.type()) {
            case SEGMENT_FINISHED -> {
                segments.increment();
                bytes.increment(event.sizeBytes() == null ? 0 : event.sizeBytes());
                if (event.endTime() != null) {
                    lastSegmentEpochSeconds.set(java.time.Instant.parse(event.endTime()).getEpochSecond());
                }
            }
            case GAP -> gaps.increment();
            case FAILURE -> failures.increment();
            case FILE_DELETED -> registry.counter("recorder_files_deleted", tags.and("reason",
                    event.reason() == null ? "unknown" : event.reason())).increment();
            default -> { }
        }
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }
}
