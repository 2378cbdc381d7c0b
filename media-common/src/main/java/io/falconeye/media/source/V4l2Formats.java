package io.falconeye.media.source;

import io.falconeye.media.BundledFfmpeg;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** The pixel formats and codecs a V4L2 (USB) camera offers, as ffmpeg lists them. */
public final class V4l2Formats {

    private V4l2Formats() {}

    /**
     * Asks the device through the bundled ffmpeg ({@code -f v4l2 -list_formats all}); an empty set
     * when the device cannot be opened or ffmpeg does not answer within 10 s.
     */
    public static Set<String> offeredBy(String devicePath) {
        try {
            Process process = BundledFfmpeg.processBuilder(List.of("-hide_banner", "-nostdin", "-f", "v4l2",
                    "-list_formats", "all", "-i", devicePath)).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output;
            try (InputStream in = process.getInputStream()) {
                output = in.readAllBytes();
            }
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Set.of();
            }
            return parse(new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Set.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Set.of();
        }
    }

    /**
     * Reads ffmpeg's list, lines such as
     * {@code [video4linux2,v4l2 @ 0x5f] Compressed:       mjpeg :          Motion-JPEG : 640x480}
     * and {@code [video4linux2,v4l2 @ 0x5f] Raw       :     yuyv422 :           YUYV 4:2:2 : 640x480},
     * into format names ({@code mjpeg}, {@code yuyv422}).
     */
    public static Set<String> parse(String listFormatsOutput) {
        Set<String> formats = new LinkedHashSet<>();
        for (String line : listFormatsOutput.split("\\R")) {
            String text = line.contains("] ") ? line.substring(line.indexOf("] ") + 2) : line;
            text = text.trim();
            if (text.startsWith("Raw") || text.startsWith("Compressed")) {
                String[] fields = text.split(":");
                if (fields.length >= 2 && !fields[1].isBlank()) {
                    formats.add(fields[1].trim());
                }
            }
        }
        return formats;
    }
}
