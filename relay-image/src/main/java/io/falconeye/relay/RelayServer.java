package io.falconeye.relay;

import io.falconeye.media.ReconnectBackoff;
import io.falconeye.media.source.IngestInputs;
import io.falconeye.media.source.Protocol;
import io.falconeye.media.source.SourceUrl;
import io.falconeye.relay.config.RelayConfig;
import io.falconeye.relay.frames.FrameHub;
import io.falconeye.relay.frames.FramePacer;
import io.falconeye.relay.frames.FrameSink;
import io.falconeye.relay.http.RelayHttpServer;
import io.falconeye.relay.ingest.IngestPlanner;
import io.falconeye.relay.ingest.IngestSupervisor;
import io.falconeye.relay.metrics.RelayMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One camera's relay: the single ingest, the frame hub and the HTTP server, started and stopped together. */
public final class RelayServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RelayServer.class);
    static final Path DEFAULT_FONT = Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");

    private final RelayConfig config;
    private final FrameHub hub;
    private final RelayMetrics metrics;
    private final RelayHttpServer http;
    private final IngestPlanner planner;
    private final IngestSupervisor supervisor;
    private final int port;

    private RelayServer(RelayConfig config, ReconnectBackoff backoff) throws Exception {
        this.config = overlayOnlyWithFont(config);
        this.hub = new FrameHub();
        this.metrics = new RelayMetrics(hub);
        this.http = new RelayHttpServer(hub, metrics, this::isReady, this::lastIngestError);
        UnaryOperator<String> redact = redactor(this.config);
        this.planner = new IngestPlanner(this.config, new IngestInputs(), DEFAULT_FONT, redact);
        this.supervisor = new IngestSupervisor(planner, sinkFor(this.config), hub, backoff,
                this.config.stallTimeout(), this::ingestWanted, metrics::reconnect, redact);
        http.onViewersChanged(supervisor::wantedMayHaveChanged);
        this.port = http.start(this.config.bindAddress(), this.config.port());
        supervisor.start();
        LOG.info("relay for {} listening on {}:{}", this.config.source(), this.config.bindAddress(), port);
    }

    /** Starts a relay; returns once its HTTP port is bound (frames follow when the camera answers). */
    public static RelayServer start(RelayConfig config) throws Exception {
        // Short steps (0.5 s doubling to 2 s): a camera that comes back is live again within
        // seconds, and a refused connection costs next to nothing.
        return new RelayServer(config, new ReconnectBackoff(Duration.ofMillis(500), Duration.ofSeconds(2), 2.0, 0.2));
    }

    public int port() {
        return port;
    }

    public FrameHub hub() {
        return hub;
    }

    public RelayMetrics metrics() {
        return metrics;
    }

    public int viewerCount() {
        return http.viewerCount();
    }

    /** Process id of the ingest's ffmpeg, -1 while none runs. */
    public long ingestPid() {
        return supervisor.ingestPid();
    }

    private String lastIngestError() {
        IngestSupervisor running = supervisor;
        return running == null ? null : running.lastError();
    }

    private boolean ingestWanted() {
        return config.ingestWhenIdle() || http.viewerCount() > 0;
    }

    private boolean isReady() {
        // With INGEST_WHEN_IDLE=false an idle relay has no frames on purpose and must still take viewers.
        return hub.hasFrameWithin(config.healthMaxFrameAge()) || !ingestWanted();
    }

    /** MJPEG copied from the source cannot be paced by ffmpeg's fps filter: drop frames here. */
    private FrameSink sinkFor(RelayConfig relayConfig) {
        boolean copied = relayConfig.protocol() == Protocol.HTTP && !relayConfig.overlay();
        return copied && relayConfig.fps() > 0 ? new FramePacer(relayConfig.fps(), hub) : hub;
    }

    private static RelayConfig overlayOnlyWithFont(RelayConfig config) {
        if (config.overlay() && !Files.isReadable(DEFAULT_FONT)) {
            LOG.warn("overlay disabled: font {} not found (install fonts-dejavu-core)", DEFAULT_FONT);
            return config.withOverlay(false);
        }
        return config;
    }

    /** Masks URL credentials and the password itself in anything logged or shown by /health. */
    private static UnaryOperator<String> redactor(RelayConfig config) {
        String password = config.source().password();
        return text -> {
            String safe = SourceUrl.redact(text);
            return safe == null || password == null || password.isEmpty() ? safe : safe.replace(password, "***");
        };
    }

    @Override
    public void close() {
        supervisor.close();
        planner.close();
        http.close();
    }
}
