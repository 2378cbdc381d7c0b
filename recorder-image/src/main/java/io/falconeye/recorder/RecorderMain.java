package io.falconeye.recorder;

import io.falconeye.media.BundledFfmpeg;
import io.falconeye.media.ConfigException;
import io.falconeye.recorder.config.RecorderConfig;
import io.falconeye.recorder.config.RecorderConfigParser;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar recorder.jar}: reads the environment and runs until the process is stopped. */
public final class RecorderMain {

    /** Exit code for an unusable environment. */
    static final int BAD_CONFIG = 2;
    static final int START_FAILED = 1;

    private RecorderMain() {}

    public static void main(String[] args) {
        if (args.length == 1 && args[0].equals("--extract-ffmpeg")) {
            // image build: unpack the executables into the JavaCPP cache once
            System.out.println(BundledFfmpeg.executable() + "\n" + BundledFfmpeg.ffprobe());
            return;
        }
        RecorderConfig config;
        try {
            config = RecorderConfigParser.parse(System.getenv());
        } catch (ConfigException e) {
            System.err.println("recorder: invalid configuration: " + e.getMessage());
            System.exit(BAD_CONFIG);
            return;
        }
        Logger log = LoggerFactory.getLogger(RecorderMain.class);
        RecorderApp app;
        try {
            app = RecorderApp.start(config);
        } catch (ConfigException e) {
            System.err.println("recorder: invalid configuration: " + e.getMessage());
            System.exit(BAD_CONFIG);
            return;
        } catch (RuntimeException e) {
            System.err.println("recorder: cannot start: " + e.getMessage());
            System.exit(START_FAILED);
            return;
        }
        log.info("recorder for camera {} listening on {}:{}", config.cameraId(), config.bindAddress(), app.port());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "recorder-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
