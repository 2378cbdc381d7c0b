package io.falconeye.recorder;

import static io.falconeye.recorder.RecorderFixture.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.falconeye.recorder.RecorderFixture.Response;
import io.falconeye.testsupport.media.RtspCamera;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests the recorder cannot honour get a clear 4xx problem document, never a stack trace. */
class BadRequestTest {

    @TempDir
    Path recordings;

    @Test
    void startTwiceStopWhenIdleUnknownCameraAndMalformedRequestsGetClearProblems() {
        try (RtspCamera camera = RtspCamera.startDefault();
                RecorderApp app = RecorderFixture.start(RecorderFixture.env("cam-bad", camera.url("/h264"),
                        recordings, null))) {
            assertProblem(call(app, "POST", "/stop", null), 409, "not recording");
            assertProblem(call(app, "POST", "/start", "{\"recording_id\": \"r1\", \"camera_id\": \"other-cam\"}"),
                    404, "records camera 'cam-bad', not 'other-cam'");
            assertProblem(call(app, "POST", "/start", "{not json"), 400, "not valid JSON");
            assertProblem(call(app, "POST", "/start", "[1]"), 400, "JSON object");
            assertProblem(call(app, "POST", "/start", "{\"recording_id\": 7}"), 400, "recording_id must be");
            assertProblem(call(app, "POST", "/start", "{\"recording_id\": \"../../etc\"}"), 400, "recording_id must be");
            assertProblem(call(app, "GET", "/start", null), 405, "use POST");
            assertProblem(call(app, "GET", "/nothing-here", null), 404, "no endpoint /nothing-here");
            assertProblem(call(app, "GET", "/segments", null), 400, "recording_id");
            assertThat(call(app, "GET", "/status", null).body().path("status").asText()).isEqualTo("idle");

            Response started = call(app, "POST", "/start", "{\"recording_id\": \"r1\", \"camera_id\": \"cam-bad\"}");
            assertThat(started.status()).isEqualTo(200);
            assertProblem(call(app, "POST", "/start", "{\"recording_id\": \"r2\"}"), 409,
                    "already recording (recording_id r1)");
            assertThat(call(app, "POST", "/stop", null).status()).isEqualTo(200);
            assertProblem(call(app, "POST", "/stop", null), 409, "not recording");
            // a recording id is optional, as with the earlier recorder
            Response generated = call(app, "POST", "/start", null);
            assertThat(generated.status()).isEqualTo(200);
            assertThat(generated.body().path("recording_id").asText()).hasSize(36);
            assertThat(call(app, "POST", "/stop", null).status()).isEqualTo(200);
        }
    }

    private static void assertProblem(Response response, int status, String detailPart) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.body().path("status").asInt()).isEqualTo(status);
        assertThat(response.body().path("title").asText()).isNotBlank();
        assertThat(response.body().path("detail").asText()).contains(detailPart);
        assertThat(response.text()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
