package io.falconeye.relay.ingest;

import io.falconeye.relay.config.RelayConfig;
import io.falconeye.relay.config.SourceKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds the ffmpeg command line of the single ingest: a pure function of the configuration. */
public final class IngestCommand {

    /** Socket I/O timeout for network sources, in microseconds as ffmpeg wants it. */
    static final String IO_TIMEOUT_MICROS = "5000000";

    private IngestCommand() {}

    /**
     * @param inputUrl    the source URL ffmpeg opens, credentials included (RTSP URL resolved from
     *                    ONVIF, or the HTTP/RTSP URL); ignored for USB
     * @param usbOffersMjpeg whether the V4L2 device lists an MJPEG format
     * @param overlayTextFile where the overlay's text is written when the config asks for one
     * @param fontFile    TrueType font for the overlay
     */
    public static IngestPlan plan(RelayConfig config, String inputUrl, boolean usbOffersMjpeg,
                                  Path overlayTextFile, Path fontFile) {
        boolean sourceIsMjpeg = config.kind() == SourceKind.HTTP_MJPEG
                || (config.kind() == SourceKind.USB && usbOffersMjpeg);
        boolean passthrough = sourceIsMjpeg && !config.overlay();

        List<String> args = new ArrayList<>(List.of("-hide_banner", "-nostdin", "-nostats", "-loglevel", "error"));
        args.addAll(input(config, inputUrl, usbOffersMjpeg));
        args.addAll(List.of("-map", "0:v:0", "-an", "-sn", "-dn"));
        String overlayText = null;
        if (passthrough) {
            args.addAll(List.of("-c:v", "copy"));
        } else {
            List<String> filters = new ArrayList<>();
            // The USB device already captures at FPS; every other source is paced here.
            if (config.fps() > 0 && config.kind() != SourceKind.USB) {
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

    private static List<String> input(RelayConfig config, String inputUrl, boolean usbOffersMjpeg) {
        List<String> args = new ArrayList<>();
        switch (config.kind()) {
            case RTSP, ONVIF -> args.addAll(List.of("-rtsp_transport", "tcp", "-timeout", IO_TIMEOUT_MICROS,
                    "-fflags", "nobuffer", "-analyzeduration", "2000000"));
            case HTTP_MJPEG -> args.addAll(List.of("-rw_timeout", IO_TIMEOUT_MICROS, "-f", "mpjpeg"));
            case USB -> {
                args.addAll(List.of("-f", "v4l2"));
                if (usbOffersMjpeg) {
                    args.addAll(List.of("-input_format", "mjpeg"));
                }
                if (config.scales()) {
                    args.addAll(List.of("-video_size", config.width() + "x" + config.height()));
                }
                if (config.fps() > 0) {
                    args.addAll(List.of("-framerate", Integer.toString(config.fps())));
                }
                args.addAll(List.of("-i", config.devicePath()));
                return args;
            }
        }
        args.addAll(List.of("-i", inputUrl));
        return args;
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
