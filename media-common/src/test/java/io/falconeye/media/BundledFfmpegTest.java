package io.falconeye.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BundledFfmpegTest {

    @Test
    void bundledExecutablesRunWithTheirLibraryPath() throws Exception {
        assertThat(Files.isExecutable(BundledFfmpeg.executable())).isTrue();
        assertThat(Files.isExecutable(BundledFfmpeg.ffprobe())).isTrue();
        assertThat(BundledFfmpeg.environment().get("LD_LIBRARY_PATH"))
                .startsWith(BundledFfmpeg.executable().getParent().toString());

        Process ffmpeg = BundledFfmpeg.processBuilder(List.of("-hide_banner", "-encoders"))
                .redirectErrorStream(true).start();
        String encoders = new String(ffmpeg.getInputStream().readAllBytes());
        assertThat(ffmpeg.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(ffmpeg.exitValue()).isZero();
        assertThat(encoders).contains("libx264").contains("aac").contains("mjpeg");

        Process ffprobe = BundledFfmpeg.ffprobeProcessBuilder(List.of("-version")).redirectErrorStream(true).start();
        String version = new String(ffprobe.getInputStream().readAllBytes());
        assertThat(ffprobe.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(version).startsWith("ffprobe version");
    }
}
