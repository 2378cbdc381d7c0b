package io.falconeye.recorder;

import static io.falconeye.recorder.RecorderFixture.call;
import static io.falconeye.recorder.RecorderFixture.ok;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.falconeye.testsupport.media.FfmpegTools;
import io.falconeye.testsupport.media.RtspCamera;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints figures, asserts nothing about speed: run with
 * {@code mvn -pl recorder-image -am -Pbench verify}.
 */
@Tag("benchmark")
class RecorderBenchmarkIT {

    private static final int FPS = 15;

    @TempDir
    Path work;

    /** recorder.jar (JVM + its ffmpeg) and a plain ffmpeg doing the same work, side by side. */
    @Test
    void cpuAndMemoryAgainstPlainFfmpegCopyingTheSame1080pStream() throws Exception {
        int seconds = Integer.getInteger("bench.seconds", 60);
        try (RtspCamera camera = RtspCamera.start(RtspCamera.Options.defaults().fps(FPS))) {
            String url = camera.url("/h264-1080p");
            int port = RtspCamera.freePort();
            Map<String, String> env = RecorderFixture.env("cam-bench", url, work.resolve("recorder"), null);
            env.put("PORT", Integer.toString(port));
            env.put("SEGMENT_SECONDS", "10");
            // the image's JVM options, with the heap a 128 MiB pod limit gives (MaxRAMPercentage=50)
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString()));
            command.addAll(List.of(System.getProperty("bench.jvm.options",
                    "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xmx64m").split(" ")));
            command.addAll(List.of("-jar", RecorderJarIT.JAR.toString()));
            ProcessBuilder recorderBuilder = new ProcessBuilder(command)
                    .redirectErrorStream(true).redirectOutput(new File(work.toFile(), "recorder.log"));
            recorderBuilder.environment().putAll(env);
            Process recorder = recorderBuilder.start();
            Process plain = null;
            try {
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                        .until(() -> call(port, "GET", "/health", null).status() == 200);
                ok(call(port, "POST", "/start", "{\"recording_id\": \"bench\"}"));
                // the same work in one plain ffmpeg: video copied, mu-law to AAC, fragmented MP4
                plain = FfmpegTools.processBuilder(FfmpegTools.ffmpeg(), List.of("-hide_banner", "-nostats",
                                "-loglevel", "error", "-rtsp_transport", "tcp", "-i", url, "-map", "0:v:0", "-map", "0:a:0",
                                "-c:v", "copy", "-c:a", "aac", "-b:a", "64k", "-f", "mp4", "-movflags",
                                "+frag_keyframe+empty_moov+default_base_moof", work.resolve("plain.mp4").toString()))
                        .redirectErrorStream(true).redirectOutput(new File(work.toFile(), "plain.log")).start();
                Thread.sleep(30_000); // both connected and past start-up (JIT)

                ProcessHandle recorderHandle = recorder.toHandle();
                ProcessHandle plainHandle = plain.toHandle();
                double recorderStart = ProcessStats.cpuSeconds(recorderHandle);
                double recorderFfmpegStart = ffmpegChildCpu(recorderHandle);
                double plainStart = ProcessStats.cpuSeconds(plainHandle);
                long recorderRssMax = 0;
                long plainRssMax = 0;
                long recorderRssSum = 0;
                long plainRssSum = 0;
                for (int i = 0; i < seconds; i++) {
                    Thread.sleep(1000);
                    long r = ProcessStats.rssBytes(recorderHandle);
                    long p = ProcessStats.rssBytes(plainHandle);
                    recorderRssMax = Math.max(recorderRssMax, r);
                    plainRssMax = Math.max(plainRssMax, p);
                    recorderRssSum += r;
                    plainRssSum += p;
                }
                double recorderCpu = ProcessStats.cpuSeconds(recorderHandle) - recorderStart;
                double recorderFfmpegCpu = ffmpegChildCpu(recorderHandle) - recorderFfmpegStart;
                double plainCpu = ProcessStats.cpuSeconds(plainHandle) - plainStart;
                System.out.printf("%n=== recorder benchmark: 1080p %d fps H.264 + G.711 over RTSP, %d s side by side ===%n",
                        FPS, seconds);
                System.out.printf("%-34s %10s %10s %14s %14s%n", "", "CPU s", "CPU %", "RSS avg MiB", "RSS max MiB");
                System.out.printf("%-34s %10.2f %10.1f %14.1f %14.1f%n", "recorder.jar (JVM + ffmpeg)", recorderCpu,
                        100 * recorderCpu / seconds, recorderRssSum / (double) seconds / (1 << 20), recorderRssMax / (double) (1 << 20));
                System.out.printf("%-34s %10.2f %10.1f%n", "  of which its ffmpeg", recorderFfmpegCpu, 100 * recorderFfmpegCpu / seconds);
                System.out.printf("%-34s %10.2f %10.1f %14.1f %14.1f%n", "plain ffmpeg (copy + AAC)", plainCpu,
                        100 * plainCpu / seconds, plainRssSum / (double) seconds / (1 << 20), plainRssMax / (double) (1 << 20));
                System.out.printf("CPU ratio recorder / plain ffmpeg: %.2fx (goal <= 1.1x)%n", recorderCpu / plainCpu);
                System.out.printf("RSS ratio recorder / plain ffmpeg (avg): %.2fx%n", recorderRssSum / (double) plainRssSum);
                ok(call(port, "POST", "/stop", null));
            } finally {
                if (plain != null) {
                    plain.getOutputStream().write('q');
                    plain.getOutputStream().flush();
                    plain.waitFor(10, TimeUnit.SECONDS);
                    plain.destroyForcibly();
                }
                recorder.destroy();
                recorder.waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    /** Frames lost across 100 segment cuts: every segment after a cut must hold all its frames. */
    @Test
    void framesLostAcross100SegmentCuts() throws Exception {
        int cuts = Integer.getInteger("bench.cuts", 100);
        try (RtspCamera camera = RtspCamera.start(RtspCamera.Options.defaults().fps(FPS));
                EventReceiver receiver = EventReceiver.start(RecorderFixture.TOKEN)) {
            Map<String, String> env = RecorderFixture.env("cam-cuts", camera.url("/h264"), work, receiver);
            env.put("SEGMENT_SECONDS", "2");
            try (RecorderApp app = RecorderFixture.start(env)) {
                ok(call(app, "POST", "/start", "{\"recording_id\": \"cuts\"}"));
                await().atMost(Duration.ofSeconds(cuts * 4L + 60)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> receiver.ofType("segment_finished").size() >= cuts + 1);
                ok(call(app, "POST", "/stop", null));
            }
            List<JsonNode> finished = new ArrayList<>(receiver.ofType("segment_finished"));
            finished = finished.subList(0, cuts + 1);
            long lostAtEnds = 0;
            long lostAtStarts = 0;
            long frames = 0;
            double seconds = 0;
            for (int i = 0; i < finished.size(); i++) {
                JsonNode event = finished.get(i);
                Path file = Path.of(event.path("file_path").asText());
                double duration = event.path("duration_seconds").asDouble();
                List<Double> times = MediaChecks.videoPacketTimes(file);
                frames += times.size();
                seconds += duration;
                if (i < finished.size() - 1) {
                    // frames missing between this segment's last frame and the cut
                    lostAtEnds += Math.max(0, Math.round((duration - (times.get(times.size() - 1) + 1.0 / FPS)) * FPS));
                }
                if (i > 0) {
                    // frames missing between the cut and this segment's first frame, or inside it
                    lostAtStarts += Math.max(0, Math.round(duration * FPS) - times.size());
                }
            }
            System.out.printf("%n=== recorder benchmark: %d segment cuts (2 s segments, %d fps, keyframe every second) ===%n",
                    cuts, FPS);
            System.out.printf("segments: %d, recorded: %.1f s, frames: %d (%.2f fps)%n", finished.size(), seconds, frames,
                    frames / seconds);
            System.out.printf("frames lost at the cuts: %d (before a cut: %d, after a cut: %d; goal 0)%n",
                    lostAtEnds + lostAtStarts, lostAtEnds, lostAtStarts);
        }
    }

    private static double ffmpegChildCpu(ProcessHandle recorder) {
        return recorder.descendants().filter(p -> p.info().command().orElse("").endsWith("ffmpeg"))
                .mapToDouble(p -> ProcessStats.cpuSecondsOf(p.pid())).sum();
    }
}
