package io.falconeye.testsupport.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Loader;

/**
 * The ffmpeg and ffprobe executables bundled in bytedeco's FFmpeg jar, for tests.
 *
 * <p>The executables link against the shared libraries extracted beside them, so every process
 * started here gets {@code LD_LIBRARY_PATH} set to their folder.
 */
public final class FfmpegTools {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile Path ffmpeg;
    private static volatile Path ffprobe;

    private FfmpegTools() {}

    /** Path of the bundled ffmpeg executable (extracted on first use). */
    public static Path ffmpeg() {
        if (ffmpeg == null) {
            ffmpeg = Path.of(Loader.load(org.bytedeco.ffmpeg.ffmpeg.class));
        }
        return ffmpeg;
    }

    /** Path of the bundled ffprobe executable (extracted on first use). */
    public static Path ffprobe() {
        if (ffprobe == null) {
            ffprobe = Path.of(Loader.load(org.bytedeco.ffmpeg.ffprobe.class));
        }
        return ffprobe;
    }

    /** A process builder for {@code executable args...} with LD_LIBRARY_PATH set. */
    public static ProcessBuilder processBuilder(Path executable, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        String folder = executable.getParent().toString();
        String existing = builder.environment().get("LD_LIBRARY_PATH");
        builder.environment().put("LD_LIBRARY_PATH",
                existing == null || existing.isBlank() ? folder : folder + ":" + existing);
        return builder;
    }

    /**
     * Runs bundled ffmpeg with {@code args} (after {@code -hide_banner -nostdin}) and returns its
     * output; fails with ffmpeg's stderr when it exits non-zero or exceeds {@code timeout}.
     */
    public static Result runFfmpeg(Duration timeout, List<String> args) {
        List<String> all = new ArrayList<>(List.of("-hide_banner", "-nostdin"));
        all.addAll(args);
        return run(ffmpeg(), all, timeout);
    }

    /** Runs bundled ffprobe with {@code args}; fails with its stderr when it exits non-zero. */
    public static Result runFfprobe(Duration timeout, List<String> args) {
        return run(ffprobe(), args, timeout);
    }

    /**
     * Probes {@code input} (file path or URL) with ffprobe and returns its streams and format.
     * RTSP inputs are read over TCP.
     */
    public static Probe probe(String input) {
        return probe(input, Duration.ofSeconds(30));
    }

    public static Probe probe(String input, Duration timeout) {
        List<String> args = new ArrayList<>(List.of("-v", "error", "-print_format", "json",
                "-show_streams", "-show_format"));
        if (input.startsWith("rtsp://")) {
            args.addAll(List.of("-rtsp_transport", "tcp"));
        }
        args.add(input);
        Result result = run(ffprobe(), args, timeout);
        try {
            return new Probe(JSON.readTree(result.stdout()));
        } catch (IOException e) {
            throw new IllegalStateException("ffprobe printed no JSON for " + input + ": " + result.stdout(), e);
        }
    }

    /**
     * Counts the frames of the first video stream of a file by decoding it completely, which
     * also proves the file is playable to the end.
     */
    public static int countVideoFrames(Path file) {
        Result result = run(ffprobe(), List.of("-v", "error", "-select_streams", "v:0", "-count_frames",
                "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", file.toString()),
                Duration.ofSeconds(120));
        return Integer.parseInt(result.stdout().trim().split("[,\\s]")[0]);
    }

    private static Result run(Path executable, List<String> args, Duration timeout) {
        Process process;
        try {
            process = processBuilder(executable, args).start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + executable, e);
        }
        CompletableFuture<byte[]> out = drain(process.getInputStream());
        CompletableFuture<byte[]> err = drain(process.getErrorStream());
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(executable.getFileName() + " did not finish within " + timeout
                        + ": " + String.join(" ", args));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + executable.getFileName(), e);
        }
        Result result = new Result(process.exitValue(), out.join(),
                new String(err.join(), StandardCharsets.UTF_8));
        if (result.exitCode() != 0) {
            throw new IllegalStateException(executable.getFileName() + " exited " + result.exitCode()
                    + " for " + String.join(" ", args) + ": " + result.stderr());
        }
        return result;
    }

    private static CompletableFuture<byte[]> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                stream.transferTo(buffer);
                return buffer.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Exit code and output of a finished ffmpeg/ffprobe run. */
    public record Result(int exitCode, byte[] stdoutBytes, String stderr) {
        public String stdout() {
            return new String(stdoutBytes, StandardCharsets.UTF_8);
        }
    }

    /** ffprobe's JSON ({@code streams} and {@code format}) with a few typed accessors. */
    public record Probe(JsonNode json) {

        public List<JsonNode> streams() {
            List<JsonNode> streams = new ArrayList<>();
            json.path("streams").forEach(streams::add);
            return streams;
        }

        public JsonNode format() {
            return json.path("format");
        }

        /** The first stream of {@code codecType} ("video", "audio"), or a missing node. */
        public JsonNode firstStream(String codecType) {
            return streams().stream()
                    .filter(s -> codecType.equals(s.path("codec_type").asText()))
                    .findFirst()
                    .orElse(JSON.missingNode());
        }

        /** Codec names of all streams in order, e.g. {@code [h264, pcm_mulaw]}. */
        public List<String> codecNames() {
            return streams().stream().map(s -> s.path("codec_name").asText()).toList();
        }

        public String videoCodec() {
            return firstStream("video").path("codec_name").asText(null);
        }

        public String audioCodec() {
            return firstStream("audio").path("codec_name").asText(null);
        }

        public int width() {
            return firstStream("video").path("width").asInt();
        }

        public int height() {
            return firstStream("video").path("height").asInt();
        }

        /** Duration of the container in seconds, or NaN when ffprobe reported none. */
        public double durationSeconds() {
            return format().path("duration").asDouble(Double.NaN);
        }
    }
}
