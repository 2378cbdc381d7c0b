package io.falconeye.relay.metrics;

import io.falconeye.relay.frames.FrameHub;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.IntSupplier;

/** The relay's Prometheus metrics: frames in/out/skipped, viewers, reconnects, last frame age. */
public final class RelayMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter framesIn;
    private final Counter framesOut;
    private final Counter framesSkipped;
    private final Counter reconnects;

    public RelayMetrics(FrameHub hub) {
        framesIn = Counter.builder("relay.frames.in").description("JPEG frames received from the ingest")
                .register(registry);
        framesOut = Counter.builder("relay.frames.out").description("frames written to viewers (all viewers summed)")
                .register(registry);
        framesSkipped = Counter.builder("relay.frames.skipped")
                .description("frames not sent to a viewer whose connection was still busy")
                .register(registry);
        reconnects = Counter.builder("relay.reconnects").description("times the ingest was restarted after a failure")
                .register(registry);
        Gauge.builder("relay.last.frame.age.seconds",
                        () -> hub.lastFrameAge().map(age -> age.toNanos() / 1e9).orElse(Double.NaN))
                .description("seconds since the last frame arrived (NaN before the first)")
                .register(registry);
        hub.subscribe(frame -> framesIn.increment());
    }

    public void registerViewerGauge(IntSupplier viewers) {
        Gauge.builder("relay.viewers", viewers::getAsInt).description("connected MJPEG viewers").register(registry);
    }

    public void frameOut() {
        framesOut.increment();
    }

    public void frameSkipped() {
        framesSkipped.increment();
    }

    public void reconnect() {
        reconnects.increment();
    }

    public double reconnects() {
        return reconnects.count();
    }

    /** The Prometheus text exposition of every metric. */
    public String scrape() {
        return registry.scrape();
    }
}
