package io.falconeye.recorder.muxer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.falconeye.media.BundledFfmpeg;
import io.falconeye.media.source.IngestInput;
import io.falconeye.media.source.SourceUrl;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Asks the bundled ffprobe what a source or a file holds. */
public final class SourceProbe {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private volatile Process running;
    private volatile boolean cancelled;

    /** Kills a probe in progress and refuses new ones (the recording is stopping). */
    public void cancel() {
        cancelled = true;
        Process process = running;
        if (process != null) {
            process.destroyForcibly();
        }
    }

    /** Stream codecs of a source; null codec when the source has no such stream. */
    public record Streams(String videoCodec, String audioCodec) {}

    /** @throws SourceFailure when the source cannot be read (message has no credentials) */
    public Streams streams(IngestInput input) {
        List<String> args = new ArrayList<>(List.of("-v", "error", "-analyzeduration", MuxerCommand.ANALYZE_MICROS,
                "-show_entries", "stream=codec_type,codec_name", "-of", "json"));
        args.addAll(input.ffmpegArgs());
        JsonNode json = run(args, "probing " + input.redactedArgs().get(input.redactedArgs().size() - 1));
        String video = null;
        String audio = null;
        for (JsonNode stream : json.path("streams")) {
            String type = stream.path("codec_type").asText();
            if (video == null && type.equals("video")) {
                video = stream.path("codec_name").asText(null);
            } else if (audio == null && type.equals("audio")) {
                audio = stream.path("codec_name").asText(null);
            }
        }
        if (video == null) {
            throw new SourceFailure("source has no video stream");
        }
        return new Streams(video, audio);
    }

    /** Duration of a media file in seconds (NaN when ffprobe cannot tell). */
    public double durationSeconds(Path file) {
        JsonNode json = run(List.of("-v", "error", "-show_entries", "format=duration", "-of", "json",
                file.toString()), "probing " + file.getFileName());
        return json.path("format").path("duration").asDouble(Double.NaN);
    }

    private JsonNode run(List<String> args, String what) {
        if (cancelled) {
            throw new SourceFailure(what + " cancelled");
        }
        try {
            Process process = BundledFfmpeg.ffprobeProcessBuilder(args)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            running = process;
            CompletableFuture<String> out = read(process.getInputStream());
            CompletableFuture<String> err = read(process.getErrorStream());
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new SourceFailure(what + " timed out after " + TIMEOUT.toSeconds() + " s");
            }
            if (cancelled) {
                throw new SourceFailure(what + " cancelled");
            }
            if (process.exitValue() != 0) {
                throw new SourceFailure(what + " failed: " + lastLine(SourceUrl.redact(err.join())));
            }
            return JSON.readTree(out.join());
        } catch (IOException e) {
            throw new SourceFailure(what + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceFailure(what + " interrupted");
        }
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines.length == 0 || lines[lines.length - 1].isBlank() ? "no message" : lines[lines.length - 1].strip();
    }

    private static CompletableFuture<String> read(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }
}
