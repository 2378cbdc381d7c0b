package io.falconeye.recorder.events;

import io.falconeye.recorder.config.RecorderConfig;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stamps events with the camera and node, journals them (when an API is configured) and logs
 * them. Thread-safe.
 */
public final class EventReporter {

    private static final Logger LOG = LoggerFactory.getLogger(EventReporter.class);

    private final RecorderConfig config;
    private final EventJournal journal;
    private final Consumer<RecorderEvent> observer;

    /**
     * @param journal null when no API is configured: events are only logged
     * @param observer sees every reported event (metrics)
     */
    public EventReporter(RecorderConfig config, EventJournal journal, Consumer<RecorderEvent> observer) {
        this.config = config;
        this.journal = journal;
        this.observer = observer;
    }

    /** Reports an event of this camera. */
    public RecorderEvent report(RecorderEvent event) {
        return reportAs(event.withCamera(config.cameraId(), config.cameraName(), config.nodeName()));
    }

    /** Reports an event whose camera is already set (a file of another camera on this node). */
    public RecorderEvent reportAs(RecorderEvent event) {
        RecorderEvent stamped = journal == null ? event : journal.append(event);
        LOG.info("event {} {}{}{}", stamped.type().wireName(),
                stamped.fileName() == null ? "" : stamped.fileName(),
                stamped.sizeBytes() == null ? "" : " " + stamped.sizeBytes() + " bytes",
                stamped.reason() == null ? "" : " (" + stamped.reason() + ")");
        observer.accept(stamped);
        return stamped;
    }
}
