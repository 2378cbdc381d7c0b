package io.falconeye.e2e.runner;

import io.falconeye.testsupport.media.MjpegTestServer;
import io.falconeye.testsupport.media.RtspCamera;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The demo cameras of {@code make run}: a live RTSP camera (moving test pattern with a running
 * clock and a 440 Hz tone, GStreamer's RTSP server) and an HTTP MJPEG camera. Prints their URLs
 * (and writes them as {@code NAME=URL} lines to the file given as the first argument) and serves
 * until stopped.
 *
 * <p>Usage: {@code DemoSources URL_FILE [RTSP_PORT] [MJPEG_PORT]} (ports taken when free, else any).
 */
public final class DemoSources {

    private DemoSources() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 1) {
            System.err.println("usage: DemoSources URL_FILE [RTSP_PORT] [MJPEG_PORT]");
            System.exit(2);
        }
        int rtspPort = args.length > 1 ? portOrFree(Integer.parseInt(args[1])) : 0;
        int mjpegPort = args.length > 2 ? portOrFree(Integer.parseInt(args[2])) : 0;
        RtspCamera rtsp = RtspCamera.start(RtspCamera.Options.defaults().size(1280, 720).fps(15).port(rtspPort));
        MjpegTestServer mjpeg = MjpegTestServer.start(640, 480, 10, mjpegPort);
        String urls = "rtsp=" + rtsp.url("/h264") + "\nmjpeg=" + mjpeg.url() + "\n";
        Files.writeString(Path.of(args[0]), urls);
        System.out.print(urls);
        System.out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mjpeg.close();
            rtsp.close();
            stopped.countDown();
        }));
        stopped.await();
    }

    /** {@code wanted} when nothing listens there, else 0 (a free port). */
    private static int portOrFree(int wanted) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", wanted));
            return wanted;
        } catch (IOException e) {
            return 0;
        }
    }
}
