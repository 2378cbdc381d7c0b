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

    /**
     * recorder.jar (JVM + its ffmpeg), launched as the image launches it, and a plain ffmpeg
     * doing the same work, side by side. Two recorders run: one with the segment length the
     * operator gives a Camera by default (300 s), one cutting every 10 s (30 times the per-segment
     * work: ffmpeg's file switch, ledger, journal, event delivery, retention). Both deliver their
     * events to a local API, as in the cluster.
     */
    @Test
    void cpuAndMemoryAgainstPlainFfmpegCopyingTheSame1080pStream() throws Exception {
        int seconds = Integer.getInteger("bench.seconds", 120);
        int warmUp = Integer.getInteger("bench.warmup", 60);
        try (RtspCamera camera = RtspCamera.start(RtspCamera.Options.defaults().fps(FPS));
                EventReceiver receiver = EventReceiver.start(RecorderFixture.TOKEN)) {
            String url = camera.url("/h264-1080p");
            List<Recorder> recorders = List.of(new Recorder("recorder.jar, 300 s segments", 300),
                    new Recorder("recorder.jar, 10 s segments", 10));
            Process plain = null;
            try {
                for (Recorder recorder : recorders) {
                    recorder.start(url, receiver);
                }
                // the same work in one plain ffmpeg: video copied, mu-law to AAC, fragmented MP4
                plain = FfmpegTools.processBuilder(FfmpegTools.ffmpeg(), List.of("-hide_banner", "-nostats",
                                "-loglevel", "error", "-rtsp_transport", "tcp", "-i", url, "-map", "0:v:0", "-map", "0:a:0",
                                "-c:v", "copy", "-c:a", "aac", "-b:a", "64k", "-f", "mp4", "-movflags",
                                "+frag_keyframe+empty_moov+default_base_moof", work.resolve("plain.mp4").toString()))
                        .redirectErrorStream(true).redirectOutput(new File(work.toFile(), "plain.log")).start();
                Thread.sleep(warmUp * 1000L); // all connected and past start-up (JIT)

                Sample plainSample = new Sample(plain.toHandle());
                List<Sample> samples = recorders.stream().map(r -> new Sample(r.process.toHandle())).toList();
                for (int i = 0; i < seconds; i++) {
                    Thread.sleep(1000);
                    plainSample.memory();
                    samples.forEach(Sample::memory);
                }
                plainSample.end();
                samples.forEach(Sample::end);
                System.out.printf("%n=== recorder benchmark: 1080p %d fps H.264 + G.711 over RTSP, %d s side by side "
                        + "after %d s ===%n", FPS, seconds, warmUp);
                System.out.printf("JVM: java @%s -XX:MaxRAM=%s (the pod's memory limit)%n", JVM_OPTIONS, POD_MEMORY);
                System.out.printf("%-36s %8s %8s %12s %12s%n", "", "CPU s", "CPU %", "RSS avg MiB", "RSS max MiB");
                for (int i = 0; i < recorders.size(); i++) {
                    samples.get(i).print(recorders.get(i).name, seconds);
                    System.out.printf("%-36s %8.2f %8.2f%n", "  of which its ffmpeg", samples.get(i).ffmpegCpu,
                            100 * samples.get(i).ffmpegCpu / seconds);
                }
                plainSample.print("plain ffmpeg (copy + AAC)", seconds);
                for (int i = 0; i < recorders.size(); i++) {
                    Sample sample = samples.get(i);
                    System.out.printf("CPU ratio %s / plain ffmpeg: %.2fx (goal <= 1.1x); JVM alone %.3f CPU s per "
                            + "minute; RSS ratio %.2fx%n", recorders.get(i).name, sample.cpu / plainSample.cpu,
                            (sample.cpu - sample.ffmpegCpu) * 60 / seconds, sample.rssSum / (double) plainSample.rssSum);
                }
                System.out.printf("events delivered to the API: %d%n", receiver.deliveries().size());
                for (Recorder recorder : recorders) {
                    ok(call(recorder.port, "POST", "/stop", null));
                }
            } finally {
                if (plain != null) {
                    plain.getOutputStream().write('q');
                    plain.getOutputStream().flush();
                    plain.waitFor(10, TimeUnit.SECONDS);
                    plain.destroyForcibly();
                }
                for (Recorder recorder : recorders) {
                    recorder.close();
                }
            }
        }
    }

    /** The JVM options file the image uses, and the memory limit the operator gives the recorder pod. */
    private static final String JVM_OPTIONS = System.getProperty("recorder.jvm.options", "src/main/docker/jvm.options");
    private static final String POD_MEMORY = System.getProperty("bench.pod.memory", "512m");

    /** One recorder.jar process, started as the image starts it. */
    private final class Recorder implements AutoCloseable {
        final String name;
        final int segmentSeconds;
        int port;
        Process process;

        Recorder(String name, int segmentSeconds) {
            this.name = name;
            this.segmentSeconds = segmentSeconds;
        }

        void start(String url, EventReceiver receiver) throws Exception {
            port = RtspCamera.freePort();
            String id = "cam-bench-" + segmentSeconds;
            Map<String, String> env = RecorderFixture.env(id, url, work.resolve("recordings"), receiver);
            env.put("PORT", Integer.toString(port));
            env.put("SEGMENT_SECONDS", Integer.toString(segmentSeconds));
            env.remove("MIN_FREE_BYTES"); // the default free-space guard, as deployed
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "@" + JVM_OPTIONS, "-XX:MaxRAM=" + POD_MEMORY, "-jar", RecorderJarIT.JAR.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(new File(work.toFile(), id + ".log"));
            builder.environment().putAll(env);
            process = builder.start();
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> call(port, "GET", "/health", null).status() == 200);
            ok(call(port, "POST", "/start", "{\"recording_id\": \"bench-" + segmentSeconds + "\"}"));
        }

        @Override
        public void close() throws InterruptedException {
            if (process != null) {
                process.destroy();
                process.waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    /** CPU and memory of one process tree over the measured window. */
    private static final class Sample {
        final ProcessHandle handle;
        final double cpuStart;
        final double ffmpegStart;
        double cpu;
        double ffmpegCpu;
        long rssMax;
        long rssSum;
        int rssCount;

        Sample(ProcessHandle handle) {
            this.handle = handle;
            this.cpuStart = ProcessStats.cpuSeconds(handle);
            this.ffmpegStart = ffmpegChildCpu(handle);
        }

        void memory() {
            long rss = ProcessStats.rssBytes(handle);
            rssMax = Math.max(rssMax, rss);
            rssSum += rss;
            rssCount++;
        }

        void end() {
            cpu = ProcessStats.cpuSeconds(handle) - cpuStart;
            ffmpegCpu = ffmpegChildCpu(handle) - ffmpegStart;
        }

        void print(String name, int seconds) {
            System.out.printf("%-36s %8.2f %8.2f %12.1f %12.1f%n", name, cpu, 100 * cpu / seconds,
                    rssSum / (double) rssCount / (1 << 20), rssMax / (double) (1 << 20));
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
