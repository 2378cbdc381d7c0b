package io.falconeye.media.source;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A resolved source, ready for ffmpeg: an optional input format ({@code -f}), input options in
 * order, and the URL or device.
 *
 * <p>{@link #ffmpegArgs()} carries credentials and goes only to the ffmpeg process;
 * {@link #redactedArgs()} and {@link #toString()} are for logs.
 *
 * @param format ffmpeg input format ({@code v4l2}), or null to let ffmpeg probe
 * @param url the network source (credentials kept apart), or null for a device
 * @param device a local device such as {@code /dev/video0}, or null for a network source
 * @param options input options without the leading dash, in order (e.g. rtsp_transport=tcp)
 * @param mjpegExpected the source is expected to deliver JPEG frames (HTTP MJPEG, USB with
 *     input_format mjpeg), so a relay may pass them through after checking the codec
 */
public record IngestInput(String format, SourceUrl url, String device, Map<String, String> options,
        boolean mjpegExpected) {

    public IngestInput {
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        if ((url == null) == (device == null)) {
            throw new IllegalArgumentException("an ingest input has either a URL or a device");
        }
    }

    /** The value ffmpeg gets after {@code -i}: URL with credentials, or the device path. */
    public String inputForFfmpeg() {
        return url != null ? url.forFfmpeg() : device;
    }

    /** {@code [-f FORMAT] [-OPTION VALUE]... -i INPUT}, with credentials: only for the ffmpeg process. */
    public List<String> ffmpegArgs() {
        return args(inputForFfmpeg());
    }

    /** Like {@link #ffmpegArgs()} with the credentials masked, for logs. */
    public List<String> redactedArgs() {
        return args(url != null ? url.redacted() : device);
    }

    private List<String> args(String input) {
        List<String> args = new ArrayList<>();
        if (format != null) {
            args.add("-f");
            args.add(format);
        }
        options.forEach((name, value) -> {
            args.add("-" + name);
            args.add(value);
        });
        args.add("-i");
        args.add(input);
        return args;
    }

    @Override
    public String toString() {
        return "IngestInput" + redactedArgs();
    }
}
