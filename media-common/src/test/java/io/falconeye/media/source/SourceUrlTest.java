package io.falconeye.media.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SourceUrlTest {

    @Test
    void keepsCredentialsForFfmpegAndMasksThemEverywhereElse() {
        SourceUrl url = SourceUrl.parse("rtsp://admin:s3cret@10.0.0.5:554/Streaming/101");

        assertThat(url.forFfmpeg()).isEqualTo("rtsp://admin:s3cret@10.0.0.5:554/Streaming/101");
        assertThat(url.redacted()).isEqualTo("rtsp://***@10.0.0.5:554/Streaming/101");
        assertThat(url.toString()).doesNotContain("s3cret").doesNotContain("admin");
        assertThat(url.withoutCredentials()).isEqualTo("rtsp://10.0.0.5:554/Streaming/101");
        assertThat(url.host()).isEqualTo("10.0.0.5");
        assertThat(url.port()).isEqualTo(554);
        assertThat(url.pathAndQuery()).isEqualTo("/Streaming/101");
    }

    @Test
    void configuredCredentialsReplaceThoseInTheUrlAndArePercentEncoded() {
        SourceUrl url = SourceUrl.parse("rtsp://old:old@cam.local/live").withCredentials("viewer", "p@ss:w/rd?#%");

        assertThat(url.forFfmpeg()).isEqualTo("rtsp://viewer:p%40ss%3Aw%2Frd%3F%23%25@cam.local/live");
        assertThat(url.password()).isEqualTo("p@ss:w/rd?#%");
        assertThat(SourceUrl.parse(url.forFfmpeg()).password()).isEqualTo("p@ss:w/rd?#%");
    }

    @Test
    void blankConfiguredUsernameKeepsTheUrlsCredentials() {
        SourceUrl url = SourceUrl.parse("http://u:p@cam/video.mjpg").withCredentials("", "x");

        assertThat(url.forFfmpeg()).isEqualTo("http://u:p@cam/video.mjpg");
    }

    @Test
    void rawAtSignInAPasswordIsAccepted() {
        SourceUrl url = SourceUrl.parse("rtsp://admin:p@ss@cam:8554/h264?x=a@b");

        assertThat(url.password()).isEqualTo("p@ss");
        assertThat(url.host()).isEqualTo("cam");
        assertThat(url.pathAndQuery()).isEqualTo("/h264?x=a@b");
    }

    @Test
    void urlsWithoutCredentialsOrPortWork() {
        SourceUrl url = SourceUrl.parse("http://[::1]/stream");

        assertThat(url.hasCredentials()).isFalse();
        assertThat(url.forFfmpeg()).isEqualTo("http://[::1]/stream");
        assertThat(url.redacted()).isEqualTo("http://[::1]/stream");
        assertThat(url.host()).isEqualTo("[::1]");
        assertThat(url.port()).isEqualTo(-1);
    }

    @Test
    void malformedUrlsGiveClearErrorsWithoutThePassword() {
        assertThatThrownBy(() -> SourceUrl.parse(" ")).hasMessage("source URL is empty");
        assertThatThrownBy(() -> SourceUrl.parse("camera.local/live")).hasMessageContaining("has no scheme");
        assertThatThrownBy(() -> SourceUrl.parse("rtsp://admin:s3cret@/live"))
                .hasMessageContaining("has no host")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void redactsUrlsInsideFreeText() {
        String line = "[rtsp @ 0x1] method DESCRIBE failed: 401 Unauthorized rtsp://admin:s3cret@10.0.0.5/x and "
                + "http://u:p%40w@cam/y but not rtsp://cam/z";

        assertThat(SourceUrl.redact(line)).isEqualTo("[rtsp @ 0x1] method DESCRIBE failed: 401 Unauthorized "
                + "rtsp://***@10.0.0.5/x and http://***@cam/y but not rtsp://cam/z");
    }
}
