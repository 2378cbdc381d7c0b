package io.falconeye.recorder;

import io.falconeye.testsupport.media.FfmpegTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Reads what is really in a recorded file, with the bundled ffprobe. */
final class MediaChecks {

    private MediaChecks() {}

    /** Presentation times (seconds) of the video packets of a file, in file order. */
    static List<Double> videoPacketTimes(Path file) {
        List<String> args = List.of("-v", "error", "-select_streams", "v:0", "-show_entries", "packet=pts_time",
                "-of", "csv=p=0", file.toString());
        try {
            Process process = FfmpegTools.processBuilder(FfmpegTools.ffprobe(), args)
                    .redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("ffprobe failed on " + file + ": " + out);
            }
            List<Double> times = new ArrayList<>();
            for (String line : out.split("\n")) {
                String value = line.replace(",", "").trim();
                if (!value.isEmpty() && !value.equals("N/A")) {
                    times.add(Double.parseDouble(value));
                }
            }
            return times;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
