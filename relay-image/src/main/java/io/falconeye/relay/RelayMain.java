package io.falconeye.relay;

import io.falconeye.media.BundledFfmpeg;
import io.falconeye.media.ConfigException;
import io.falconeye.relay.config.RelayConfig;
import io.falconeye.relay.config.RelayConfigParser;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar relay.jar}: reads the environment, runs the relay until the process is stopped. */
public final class RelayMain {

    /** Exit code for an unusable environment. */
    static final int BAD_CONFIG = 2;
    static final int START_FAILED = 1;

    private RelayMain() {}

    public static void main(String[] args) {
        if (args.length == 1 && args[0].equals("--extract-ffmpeg")) {
            // Used by the image build, so the container starts without unpacking natives.
            System.out.println(BundledFfmpeg.executable());
            return;
        }
        RelayConfig config;
        try {
            config = RelayConfigParser.parse(System.getenv());
        } catch (ConfigException e) {
            System.err.println("relay: invalid configuration: " + e.getMessage());
            System.exit(BAD_CONFIG);
            return;
        }
        RelayServer relay;
        try {
            relay = RelayServer.start(config);
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            System.err.println("relay: cannot start on " + config.bindAddress() + ":" + config.port() + ": "
                    + cause.getMessage());
            System.exit(START_FAILED);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            relay.close();
            stopped.countDown();
        }, "relay-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
