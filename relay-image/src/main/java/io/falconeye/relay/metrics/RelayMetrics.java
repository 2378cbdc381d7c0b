package io.falconeye.relay.metrics;

import io.falconeye.relay.frames.FrameHub;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * The relay's Prometheus metrics: frames in/out/skipped, viewers, reconnects, last frame age.
 * The per-frame paths only bump plain adders; Micrometer reads them when /metrics is scraped.
 */
public final class RelayMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final LongAdder framesOut = new LongAdder();
    private final LongAdder framesSkipped = new LongAdder();
    private final LongAdder reconnects = new LongAdder();

    public RelayMetrics(FrameHub hub) {
        FunctionCounter.builder("relay.frames.in", hub, FrameHub::framesReceived)
                .description("JPEG frames received from the ingest").register(registry);
        FunctionCounter.builder("relay.frames.out", framesOut, LongAdder::sum)
                .description("frames written to viewers (all viewers summed)").register(registry);
        FunctionCounter.builder("relay.frames.skipped", framesSkipped, LongAdder::sum)
                .description("frames not sent to a viewer whose connection was still busy").register(registry);
        FunctionCounter.builder("relay.reconnects", reconnects, LongAdder::sum)
                .description("times the ingest was restarted after a failure").register(registry);
        Gauge.builder("relay.last.frame.age.seconds",
                        () -> hub.lastFrameAge().map(age -> age.toNanos() / 1e9).orElse(Double.NaN))
                .description("seconds since the last frame arrived (NaN before the first)")
                .register(registry);
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
        return reconnects.sum();
    }

    /** The Prometheus text exposition of every metric. */
    public synchronized String scrape() {
        return registry.scrape();
    }
}
