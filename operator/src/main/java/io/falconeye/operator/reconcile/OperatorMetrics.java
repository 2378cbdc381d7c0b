package io.falconeye.operator.reconcile;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * JOSDK's reconciliation metrics per controller, not per resource. The extension's default tags
 * every meter with the resource's name and namespace: with 500 cameras that was some 20 000 meters
 * and 6 000 histograms (a fifth of the live heap, and work on every event), and a time series per
 * camera that no dashboard wants.
 */
@Singleton
public class OperatorMetrics {

    @Produces
    @Singleton
    Metrics metrics(MeterRegistry registry) {
        return MicrometerMetrics.withoutPerResourceMetrics(registry);
    }
}
