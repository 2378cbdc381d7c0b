package io.falconeye.recorder;

import io.falconeye.media.source.IngestInputs;
import io.falconeye.recorder.config.RecorderConfig;
import io.falconeye.recorder.events.EventDelivery;
import io.falconeye.recorder.events.EventJournal;
import io.falconeye.recorder.events.EventReporter;
import io.falconeye.recorder.http.RecorderHttpServer;
import io.falconeye.recorder.metrics.RecorderMetrics;
import io.falconeye.recorder.retention.RetentionEnforcer;
import io.falconeye.recorder.segments.RecordingsVolume;
import io.falconeye.recorder.session.Recorder;
import java.time.Clock;
import java.time.Duration;

/** The wired recorder: event journal and delivery, recorder, HTTP API. */
public final class RecorderApp implements AutoCloseable {

    private final Recorder recorder;
    private final RecorderHttpServer http;
    private final EventDelivery delivery;
    private final EventJournal journal;

    private RecorderApp(Recorder recorder, RecorderHttpServer http, EventDelivery delivery, EventJournal journal) {
        this.recorder = recorder;
        this.http = http;
        this.delivery = delivery;
        this.journal = journal;
    }

    /**
     * Starts everything: delivery first, so events of the recovery at start are sent too.
     *
     * @throws io.falconeye.media.ConfigException when RECORDINGS_PATH is not writable
     */
    public static RecorderApp start(RecorderConfig config) {
        RecordingsVolume.requireWritable(config);
        Clock clock = Clock.systemUTC();
        RecorderMetrics metrics = new RecorderMetrics(config.cameraId(),
                () -> RetentionEnforcer.usableBytes(config.recordingsPath()));
        EventJournal journal = config.apiUrl() == null ? null
                : new EventJournal(config.stateDirectory(), config.cameraId(), config.journalMaxBytes());
        EventDelivery delivery = journal == null ? null
                : new EventDelivery(journal, config.apiUrl(), config.internalToken(), Duration.ofSeconds(10)).start();
        EventReporter events = new EventReporter(config, journal, metrics);
        Recorder recorder = new Recorder(config, events, new IngestInputs(), clock);
        metrics.bind(recorder, journal);
        RecorderHttpServer http = new RecorderHttpServer(recorder, metrics, clock, config.bindAddress(), config.port());
        // the API answers while files of a previous run are probed (many files can take a while)
        http.start();
        recorder.open();
        return new RecorderApp(recorder, http, delivery, journal);
    }

    public Recorder recorder() {
        return recorder;
    }

    public int port() {
        return http.port();
    }

    /** The journal, or null when no API is configured. */
    public EventJournal journal() {
        return journal;
    }

    @Override
    public void close() {
        http.close();
        recorder.close();
        if (delivery != null) {
            delivery.close();
        }
    }
}
