package io.falconeye.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.falconeye.testsupport.media.MjpegTestServer;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A viewer that reads one frame per second costs the relay no memory: it skips frames instead. */
class SlowViewerTest {

    @Test
    void slowViewerSkipsFramesAndMemoryStaysFlat() throws Exception {
        // Big frames (1080p test pattern, ~150 kB each): buffering them for the slow viewer would show.
        try (MjpegTestServer camera = MjpegTestServer.start(1920, 1080, 15, 0);
             RelayServer relay = Relays.start(Map.of("SOURCE_URL", camera.url()))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> relay.hub().latest().isPresent());
            try (SlowSocketViewer slow = new SlowSocketViewer(relay.port(), "/stream");
                 MjpegTestViewer fast = MjpegTestViewer.open(Relays.url(relay, "/stream"))) {
                Thread fastReader = new Thread(() -> {
                    try {
                        while (true) {
                            fast.next();
                        }
                    } catch (Exception closed) {
                        // the test is over
                    }
                });
                fastReader.setDaemon(true);
                fastReader.start();
                // Let the socket buffers between relay and slow viewer fill up first.
                for (int i = 0; i < 4; i++) {
                    slow.next();
                    Thread.sleep(1000);
                }
                long memoryBefore = relayMemory();
                long framesBefore = relay.hub().framesReceived();
                long frameBytes = relay.hub().latest().orElseThrow().jpeg().length;
                MjpegTestViewer.Part last = null;
                for (int i = 0; i < 12; i++) {
                    last = slow.next();
                    Jpegs.decode(last.jpeg());
                    Thread.sleep(1000);
                }
                long memoryAfter = relayMemory();
                long framesProduced = relay.hub().framesReceived() - framesBefore;
                long bytesProduced = framesProduced * frameBytes;
                double skipped = metric(Relays.body(relay, "/metrics"), "relay_frames_skipped_total");
                double lagSeconds = (Instant.now().toEpochMilli() * 1000 - last.relayReceivedMicros()) / 1e6;
                System.out.printf("slow viewer: %d frames (~%d MB) produced in 12 s, %.0f skipped, "
                                + "relay memory %+.1f MB, last frame read %.1f s old%n", framesProduced,
                        bytesProduced >> 20, skipped, (memoryAfter - memoryBefore) / 1048576.0, lagSeconds);
                assertThat(bytesProduced).as("enough data that buffering it would show").isGreaterThan(8L << 20);
                assertThat(skipped).isGreaterThan(framesProduced / 2.0);
                assertThat(memoryAfter - memoryBefore).as("relay memory growth in bytes").isLessThan(4L << 20);
                assertThat(fastReader.isAlive()).isTrue();
            }
        }
    }

    /** Heap after a collection plus the JDK's direct buffers (socket writes go through them). */
    private static long relayMemory() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        long jdkDirect = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
        return heap + jdkDirect;
    }

    private static double metric(String scrape, String name) {
        Matcher matcher = Pattern.compile("(?m)^" + name + " ([0-9.eE+-]+)$").matcher(scrape);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
    }
}
