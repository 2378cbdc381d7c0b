package io.falconeye.media.onvif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.falconeye.media.source.SourceUrl;
import io.falconeye.testsupport.media.FfmpegTools;
import io.falconeye.testsupport.media.OnvifTestServer;
import io.falconeye.testsupport.media.RtspCamera;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The resolver against a local ONVIF camera that speaks SOAP and checks password digests. */
class OnvifStreamResolverTest {

    private static final String MAIN = "rtsp://127.0.0.1:8554/main";
    private static final String SUB = "rtsp://127.0.0.1:8554/sub?quality=low&fps=5";

    private final OnvifStreamResolver resolver = new OnvifStreamResolver();

    @Test
    void resolvesTheFirstProfileAndInsertsTheCredentialsForFfmpegOnly() {
        try (OnvifTestServer camera = twoProfileCamera("admin", "s3cret").start()) {
            SourceUrl rtsp = resolver.resolve(camera.url(), "admin", "s3cret", null);

            assertThat(rtsp.forFfmpeg()).isEqualTo("rtsp://admin:s3cret@127.0.0.1:8554/main");
            assertThat(rtsp.toString()).isEqualTo("rtsp://***@127.0.0.1:8554/main").doesNotContain("s3cret");
            assertThat(camera.operations())
                    .containsSubsequence("GetSystemDateAndTime", "GetCapabilities", "GetProfiles", "GetStreamUri");
            assertThat(camera.rejectedRequests()).isZero();
        }
    }

    @Test
    void selectsAProfileByTokenByNameOrFromTheUrl() {
        try (OnvifTestServer camera = twoProfileCamera("admin", "s3cret").start()) {
            assertThat(resolver.resolve(camera.url(), "admin", "s3cret", "sub").withoutCredentials()).isEqualTo(SUB);
            assertThat(resolver.resolve(camera.url(), "admin", "s3cret", "SubStream").withoutCredentials())
                    .isEqualTo(SUB);
            assertThat(resolver.resolve(camera.url() + "?profile=sub", "admin", "s3cret", null).withoutCredentials())
                    .isEqualTo(SUB);
        }
    }

    @Test
    void unknownProfileListsTheCamerasProfiles() {
        try (OnvifTestServer camera = twoProfileCamera("admin", "s3cret").start()) {
            assertThatThrownBy(() -> resolver.resolve(camera.url(), "admin", "s3cret", "third"))
                    .isInstanceOf(OnvifException.class)
                    .hasMessageContaining("no profile 'third'")
                    .hasMessageContaining("main (MainStream)")
                    .hasMessageContaining("sub (SubStream)")
                    .satisfies(e -> assertThat(((OnvifException) e).reason())
                            .isEqualTo(OnvifException.Reason.PROFILE_NOT_FOUND));
        }
    }

    @Test
    void wrongPasswordIsAClearErrorWithoutThePassword() {
        try (OnvifTestServer camera = twoProfileCamera("admin", "s3cret").start()) {
            assertThatThrownBy(() -> resolver.resolve(camera.url(), "admin", "wrong-Pa55", null))
                    .isInstanceOf(OnvifException.class)
                    .hasMessageContaining("127.0.0.1:" + camera.port())
                    .hasMessageContaining("rejected the credentials of user 'admin'")
                    .hasMessageNotContaining("wrong-Pa55")
                    .hasMessageNotContaining("s3cret")
                    .satisfies(e -> assertThat(((OnvifException) e).reason())
                            .isEqualTo(OnvifException.Reason.NOT_AUTHORIZED));
            assertThat(camera.rejectedRequests()).isPositive();
        }
    }

    @Test
    void missingCredentialsAreRejectedToo() {
        try (OnvifTestServer camera = twoProfileCamera("admin", "s3cret").start()) {
            assertThatThrownBy(() -> resolver.resolve(camera.url(), null, null, null))
                    .isInstanceOf(OnvifException.class)
                    .hasMessageContaining("rejected without credentials");
        }
    }

    @Test
    void credentialsInTheOnvifUrlAreUsedWhenNoneAreConfigured() {
        try (OnvifTestServer camera = twoProfileCamera("admin", "p@ss:w/rd?").start()) {
            String url = "onvif://admin:p%40ss%3Aw%2Frd%3F@127.0.0.1:" + camera.port();

            SourceUrl rtsp = resolver.resolve(url, null, null, null);

            assertThat(rtsp.forFfmpeg()).isEqualTo("rtsp://admin:p%40ss%3Aw%2Frd%3F@127.0.0.1:8554/main");
            assertThat(rtsp.password()).isEqualTo("p@ss:w/rd?");
        }
    }

    @Test
    void unreachableCameraIsAClearError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        assertThatThrownBy(() -> resolver.resolve("onvif://127.0.0.1:" + closedPort, "admin", "s3cret", null))
                .isInstanceOf(OnvifException.class)
                .hasMessage("cannot reach ONVIF camera at 127.0.0.1:" + closedPort + " (connection refused)")
                .hasMessageNotContaining("s3cret")
                .satisfies(e -> assertThat(((OnvifException) e).reason())
                        .isEqualTo(OnvifException.Reason.UNREACHABLE));
    }

    @Test
    void unknownHostIsAClearError() {
        assertThatThrownBy(() -> resolver.resolve("onvif://camera.invalid:8080", "admin", "s3cret", null))
                .isInstanceOf(OnvifException.class)
                .hasMessage("cannot reach ONVIF camera at camera.invalid:8080 (unknown host)");
    }

    @Test
    void silentCameraTimesOut() throws IOException {
        OnvifStreamResolver impatient = new OnvifStreamResolver(HttpClient.newHttpClient(), Duration.ofMillis(500),
                Clock.systemUTC());
        // accepts TCP connections (backlog) and never answers
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> impatient.resolve("onvif://127.0.0.1:" + silent.getLocalPort(), "a", "b", null))
                    .isInstanceOf(OnvifException.class)
                    .hasMessageContaining("did not answer GetSystemDateAndTime within");
        }
    }

    @Test
    void findsTheMediaServiceThroughGetServicesWhenGetCapabilitiesIsNotSupported() {
        try (OnvifTestServer camera = twoProfileCamera("admin", "s3cret").capabilities(false)
                .mediaPath("/onvif/Media").start()) {
            assertThat(resolver.resolve(camera.url(), "admin", "s3cret", null).withoutCredentials()).isEqualTo(MAIN);
            assertThat(camera.operations()).contains("GetServices");
        }
    }

    @Test
    void fallsBackToTheUsualMediaPathWhenTheCameraDoesNotSay() {
        try (OnvifTestServer camera = twoProfileCamera("admin", "s3cret").capabilities(false).services(false)
                .start()) {
            assertThat(resolver.resolve(camera.url(), "admin", "s3cret", null).withoutCredentials()).isEqualTo(MAIN);
        }
    }

    @Test
    void signsWithTheCamerasClockWhenItIsWrong() {
        try (OnvifTestServer camera = twoProfileCamera("admin", "s3cret").clockOffset(Duration.ofHours(-3))
                .start()) {
            assertThat(resolver.resolve(camera.url(), "admin", "s3cret", null).withoutCredentials()).isEqualTo(MAIN);
        }
    }

    @Test
    void resolvedUriPlaysFromARealRtspCamera() {
        try (RtspCamera rtsp = RtspCamera.start(RtspCamera.Options.defaults().size(320, 240));
                OnvifTestServer camera = OnvifTestServer.builder().credentials("admin", "s3cret")
                        .profile("main", "MainStream", rtsp.url("/h264")).start()) {
            SourceUrl resolved = resolver.resolve(camera.url(), "admin", "s3cret", null);

            FfmpegTools.Probe probe = FfmpegTools.probe(resolved.forFfmpeg());

            assertThat(probe.codecNames()).containsExactlyInAnyOrder("h264", "pcm_mulaw");
            assertThat(probe.width()).isEqualTo(320);
        }
    }

    private static OnvifTestServer.Builder twoProfileCamera(String username, String password) {
        return OnvifTestServer.builder().credentials(username, password)
                .profile("main", "MainStream", MAIN)
                .profile("sub", "SubStream", SUB);
    }
}
