package io.falconeye.recorder.muxer;

import io.falconeye.media.source.IngestInput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of the one long-running ffmpeg process that records a camera: read the source
 * once, cut the stream into MP4 segments at keyframes with the segment muxer (no restart per
 * file, so no frame is lost at a cut), and report each finished segment on stdout as CSV
 * ({@code file,start,end} in stream seconds).
 *
 * <p>Each segment is a fragmented MP4 ({@code empty_moov} + a fragment per keyframe and at
 * least every second, flushed to disk per packet), so a file is playable up to its last fragment
 * even when the process is killed.
 */
public final class MuxerCommand {

    /** Input analysis is kept short so the first segment's burst stays under one second. */
    static final String ANALYZE_MICROS = "1000000";

    private MuxerCommand() {}

    /**
     * @param input the resolved source (with credentials: these arguments go only to ffmpeg)
     * @param encodeVideo true for MJPEG/raw sources (to H.264 with libx264 ultrafast), false to copy
     * @param audio what to do with the audio
     * @param directory the camera's folder
     * @param namePrefix the safe camera name; files are {@code prefix_YYYYmmdd_HHMMSS.mp4}
     * @param segmentSeconds segment length
     */
    public static List<String> args(IngestInput input, boolean encodeVideo, AudioHandling audio, Path directory,
            String namePrefix, int segmentSeconds) {
        List<String> args = new ArrayList<>(List.of("-hide_banner", "-nostats", "-loglevel", "info",
                "-analyzeduration", ANALYZE_MICROS, "-probesize", "1000000"));
        if (encodeVideo) {
            // MJPEG over HTTP carries no timestamps: frames are stamped when they arrive.
            args.addAll(List.of("-use_wallclock_as_timestamps", "1"));
        }
        args.addAll(input.ffmpegArgs());
        args.addAll(List.of("-map", "0:v:0"));
        if (audio != AudioHandling.NONE) {
            args.addAll(List.of("-map", "0:a:0"));
        }
        if (encodeVideo) {
            args.addAll(List.of("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                    "-fps_mode", "vfr",
                    // a keyframe at every segment boundary, so every cut is on time
                    "-force_key_frames", "expr:gte(t,n_forced*" + segmentSeconds + ")"));
        } else {
            args.addAll(List.of("-c:v", "copy"));
        }
        switch (audio) {
            case NONE -> args.add("-an");
            case COPY -> args.addAll(List.of("-c:a", "copy"));
            case AAC -> args.addAll(List.of("-c:a", "aac", "-b:a", "64k"));
        }
        args.addAll(List.of(
                "-f", "segment",
                "-segment_time", String.valueOf(segmentSeconds),
                "-reset_timestamps", "1",
                "-segment_format", "mp4",
                "-segment_format_options",
                "movflags=+frag_keyframe+empty_moov+default_base_moof:frag_duration=1000000:flush_packets=1",
                "-segment_list", "pipe:1",
                "-segment_list_type", "csv",
                "-strftime", "1",
                directory.resolve(namePrefix + "_%Y%m%d_%H%M%S.mp4").toString()));
        return args;
    }
}
