package io.falconeye.relay.ingest;

import io.falconeye.relay.config.RelayConfig;
import io.falconeye.relay.config.SourceKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Prepares each ingest attempt: resolves the source URL (ONVIF every time) and builds the ffmpeg plan. */
public final class IngestPlanner implements IngestSupervisor.Planner {

    /** Finds the RTSP URI of an ONVIF camera; credentials are the config's. */
    @FunctionalInterface
    public interface OnvifLookup {
        java.net.URI streamUri(RelayConfig config) throws Exception;
    }

    private final RelayConfig config;
    private final OnvifLookup onvif;
    private final Path fontFile;
    private final Path overlayTextFile;
    private Boolean usbOffersMjpeg;

    public IngestPlanner(RelayConfig config, OnvifLookup onvif, Path fontFile) {
        this.config = config;
        this.onvif = onvif;
        this.fontFile = fontFile;
        try {
            this.overlayTextFile = config.overlay() ? Files.createTempFile("relay-overlay", ".txt") : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the overlay text file", e);
        }
    }

    @Override
    public IngestPlan plan() throws Exception {
        String input = switch (config.kind()) {
            case RTSP, HTTP_MJPEG -> SourceUrls.withCredentials(config.sourceUri(), config.credentials());
            case ONVIF -> SourceUrls.withCredentials(onvif.streamUri(config), config.credentials());
            case USB -> config.devicePath();
        };
        if (config.kind() == SourceKind.USB && usbOffersMjpeg == null) {
            usbOffersMjpeg = V4l2Formats.offersMjpeg(config.devicePath());
        }
        IngestPlan plan = IngestCommand.plan(config, input, Boolean.TRUE.equals(usbOffersMjpeg), overlayTextFile, fontFile);
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
