package io.falconeye.relay.ingest;

import io.falconeye.media.source.IngestInput;
import io.falconeye.media.source.Protocol;
import io.falconeye.relay.config.RelayConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the ffmpeg command line of the single ingest: a pure function of the configuration and
 * the resolved input. Output is always multipart JPEG on stdout ({@code -f mpjpeg}).
 */
public final class IngestCommand {

    private IngestCommand() {}

    /**
     * @param input           the resolved source (media-common), credentials included
     * @param overlayTextFile where the overlay's text is written when the config asks for one
     * @param fontFile        TrueType font for the overlay
     */
    public static IngestPlan plan(RelayConfig config, IngestInput input, Path overlayTextFile, Path fontFile) {
        // A source that already sends JPEGs is copied, never decoded, unless something is drawn on it.
        boolean passthrough = input.mjpegExpected() && !config.overlay();

        List<String> args = new ArrayList<>(List.of("-hide_banner", "-nostdin", "-nostats", "-loglevel", "error"));
        if (config.protocol() == Protocol.RTSP || config.protocol() == Protocol.ONVIF) {
            // Hand frames over as they are decoded and start after one second of probing, not five.
            args.addAll(List.of("-fflags", "nobuffer", "-analyzeduration", "1000000"));
        }
        args.addAll(input.ffmpegArgs());
        args.addAll(List.of("-map", "0:v:0", "-an", "-sn", "-dn"));
        String overlayText = null;
        if (passthrough) {
            args.addAll(List.of("-c:v", "copy"));
        } else {
            List<String> filters = new ArrayList<>();
            // A USB device already captures at FPS; every other source is paced here.
            if (config.fps() > 0 && config.protocol() != Protocol.USB) {
                filters.add("fps=" + config.fps());
            }
            if (config.scales()) {
                filters.add("scale=" + config.width() + ":" + config.height());
            }
            if (config.overlay()) {
                overlayText = overlayText(config.label());
                filters.add(drawtext(overlayTextFile, fontFile, config.scales() ? config.height() : 480));
            }
            if (!filters.isEmpty()) {
                args.addAll(List.of("-vf", String.join(",", filters)));
            }
            args.addAll(List.of("-c:v", "mjpeg", "-q:v", Integer.toString(config.jpegQuality())));
        }
        args.addAll(List.of("-f", "mpjpeg", "-boundary_tag", IngestPlan.BOUNDARY, "-flush_packets", "1", "pipe:1"));
        return new IngestPlan(List.copyOf(args), passthrough, overlayText);
    }

    /** The label (escaped for drawtext's text expansion) followed by the local time. */
    static String overlayText(String label) {
        String time = "%{localtime:%Y-%m-%d %H\\:%M\\:%S}";
        if (label == null || label.isBlank()) {
            return time;
        }
        String escaped = label.replace("\\", "\\\\").replace("%", "\\%").replaceAll("[\\r\\n]+", " ");
        return escaped + "  " + time;
    }

    private static String drawtext(Path textFile, Path fontFile, int height) {
        int fontSize = Math.max(12, height / 24);
        return "drawtext=fontfile=" + filterPath(fontFile) + ":textfile=" + filterPath(textFile)
                + ":expansion=normal:x=8:y=8:fontsize=" + fontSize
                + ":fontcolor=white:box=1:boxcolor=black@0.5:boxborderw=4";
    }

    /** A path as a filtergraph option value; only plain paths, so no filtergraph escaping is needed. */
    private static String filterPath(Path path) {
        String value = path.toString();
        if (!value.matches("[A-Za-z0-9_./+-]+")) {
            throw new IllegalArgumentException("overlay file path must be plain (letters, digits, _ . / + -): " + value);
        }
        return value;
    }
}
