package io.falconeye.relay.ingest;

import io.falconeye.media.onvif.OnvifException;
import io.falconeye.media.source.IngestInput;
import io.falconeye.media.source.IngestInputs;
import io.falconeye.relay.config.RelayConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Prepares each ingest attempt: resolves the source (ONVIF asked again every time, so a camera
 * that moved or rebooted is found) and builds the ffmpeg plan.
 */
public final class IngestPlanner implements IngestSupervisor.Planner {

    static final Duration REJECTED_CREDENTIALS_RETRY = Duration.ofSeconds(30);

    private final RelayConfig config;
    private final IngestInputs inputs;
    private final Path fontFile;
    private final Path overlayTextFile;

    public IngestPlanner(RelayConfig config, IngestInputs inputs, Path fontFile) {
        this.config = config;
        this.inputs = inputs;
        this.fontFile = fontFile;
        try {
            this.overlayTextFile = config.overlay() ? Files.createTempFile("relay-overlay", ".txt") : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the overlay text file", e);
        }
    }

    @Override
    public IngestPlan plan() throws IOException {
        IngestInput input;
        try {
            input = inputs.resolve(config.source());
        } catch (OnvifException e) {
            // Retrying rejected credentials every few seconds could lock the camera's account.
            throw new IngestFailedException(e.getMessage(),
                    e.reason() == OnvifException.Reason.NOT_AUTHORIZED ? REJECTED_CREDENTIALS_RETRY : Duration.ZERO);
        }
        IngestPlan plan = IngestCommand.plan(config, input, overlayTextFile, fontFile);
        if (plan.overlayText() != null) {
            Files.writeString(overlayTextFile, plan.overlayText(), StandardCharsets.UTF_8);
        }
        return plan;
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
}
