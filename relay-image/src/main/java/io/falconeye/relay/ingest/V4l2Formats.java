package io.falconeye.relay.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Asks a V4L2 device which formats it offers, to request MJPEG when it has it. */
public final class V4l2Formats {

    private V4l2Formats() {}

    /** True when {@code ffmpeg -f v4l2 -list_formats all} output lists a compressed MJPEG format. */
    public static boolean listsMjpeg(String listFormatsOutput) {
        return listFormatsOutput.lines()
                .map(line -> line.toLowerCase(Locale.ROOT))
                .anyMatch(line -> line.contains("compressed") && line.contains("mjpeg"));
    }

    /** Runs ffmpeg's format listing on the device; false when the device cannot be asked. */
    public static boolean offersMjpeg(String devicePath) {
        try {
            Process process = FfmpegExecutable.processBuilder(List.of("-hide_banner", "-nostdin",
                            "-f", "v4l2", "-list_formats", "all", "-i", devicePath))
                    .redirectErrorStream(true)
                        .start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            return listsMjpeg(output);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
