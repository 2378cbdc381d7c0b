package io.falconeye.relay.ingest;

import io.falconeye.media.onvif.OnvifException;
import io.falconeye.media.source.IngestInput;
import io.falconeye.media.source.IngestInputs;
import io.falconeye.media.source.Protocol;
import io.falconeye.relay.config.RelayConfig;
import io.falconeye.relay.frames.FrameSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares each ingest attempt: resolves the source (ONVIF asked again every time, so a camera
 * that moved or rebooted is found) and picks the ingest: an HTTP MJPEG camera is read in the JVM
 * and passed through; everything else goes through one ffmpeg process.
 */
public final class IngestPlanner implements IngestSupervisor.Planner {

    private static final Logger LOG = LoggerFactory.getLogger(IngestPlanner.class);
    static final Duration REJECTED_CREDENTIALS_RETRY = Duration.ofSeconds(30);

    private final RelayConfig config;
    private final IngestInputs inputs;
    private final Path fontFile;
    private final Path overlayTextFile;
    private final UnaryOperator<String> redact;
    private volatile boolean httpNeedsFfmpeg;

    /** @param redact removes credentials from ffmpeg's messages */
    public IngestPlanner(RelayConfig config, IngestInputs inputs, Path fontFile, UnaryOperator<String> redact) {
        this.config = config;
        this.inputs = inputs;
        this.fontFile = fontFile;
        this.redact = redact;
        try {
            this.overlayTextFile = config.overlay() ? Files.createTempFile("relay-overlay", ".txt") : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the overlay text file", e);
        }
    }

    @Override
    public Ingest next() throws IOException {
        IngestInput input;
        try {
            input = inputs.resolve(config.source());
        } catch (OnvifException e) {
            // Retrying rejected credentials every few seconds could lock the camera's account.
            throw new IngestFailedException(e.getMessage(),
                    e.reason() == OnvifException.Reason.NOT_AUTHORIZED ? REJECTED_CREDENTIALS_RETRY : Duration.ZERO);
        }
        if (config.protocol() == Protocol.HTTP && !config.overlay() && !httpNeedsFfmpeg) {
            return new FallbackOnDigest(new HttpMjpegIngest(input.url()));
        }
        IngestPlan plan = IngestCommand.plan(config, input, overlayTextFile, fontFile);
        if (plan.overlayText() != null) {
            Files.writeString(overlayTextFile, plan.overlayText(), StandardCharsets.UTF_8);
        }
        String where = config.protocol() == Protocol.USB ? config.source().devicePath()
                : redact.apply(config.source().url());
        return new FfmpegIngest(plan, redact, where);
    }

    public void close() {
        if (overlayTextFile != null) {
            try {
                Files.deleteIfExists(overlayTextFile);
            } catch (IOException ignored) {
                // a temp file; nothing else to do
            }
        }
    }

    /** Switches to ffmpeg (which speaks HTTP Digest) when the camera asks for Digest. */
    private final class FallbackOnDigest implements Ingest {
        private final HttpMjpegIngest http;

        FallbackOnDigest(HttpMjpegIngest http) {
            this.http = http;
        }

        @Override
        public void run(FrameSink sink) throws IOException {
            try {
                http.run(sink);
            } catch (HttpMjpegIngest.DigestRequiredException e) {
                LOG.info("{}: reading it through ffmpeg from now on", e.getMessage());
                httpNeedsFfmpeg = true;
                throw new IngestFailedException(e.getMessage());
            }
        }

        @Override
        public void abort() {
            http.abort();
        }

        @Override
        public long pid() {
            return -1;
        }
    }
}
