package io.falconeye.operator.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.equalTo;

import io.falconeye.operator.api.Camera;
import io.falconeye.operator.api.Recording;
import io.falconeye.testsupport.kube.ControlPlane;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = ApiTestResource.class, restrictToAnnotatedClass = true)
class RecordingControlTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void startStopAndStatusWriteRecordingResources() {
        String id = ApiCameras.createHttp("rec-ctl", "http://10.2.0.1/a");
        // 503 while the recorder starts (nothing is created), then 201
        await().atMost(WAIT).untilAsserted(() -> given().post("/api/cameras/" + id + "/recording/start").then()
                .statusCode(201).body("recording", equalTo(true)));
        List<Recording> recordings = recordingsOf("rec-ctl");
        assertThat(recordings).hasSize(1);

        await().atMost(WAIT).untilAsserted(() -> given().post("/api/cameras/" + id + "/recording/start").then()
                .statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("already being recorded")));
        given().get("/api/cameras/" + id + "/recording/status").then().statusCode(200).body("recording", equalTo(true))
                .body("recording_id", equalTo(recordings.get(0).getMetadata().getUid()));

        given().post("/api/cameras/" + id + "/recording/stop").then().statusCode(200);
        assertThat(ControlPlane.shared().adminClient().resources(Recording.class).inNamespace(ApiTestResource.namespace())
                .withName(recordings.get(0).getMetadata().getName()).get().getSpec().isStop()).isTrue();
        await().atMost(WAIT).untilAsserted(() -> given().post("/api/cameras/" + id + "/recording/stop").then()
                .statusCode(409));
        given().delete("/api/cameras/" + id).then().statusCode(204);
    }

    /**
     * The recorder of a camera pinned to a node that does not exist never starts: start answers 503
     * with Retry-After and creates nothing. Moved to a real node, the recorder comes up and start
     * answers 201. A stopped camera answers 409 saying so.
     */
    @Test
    void startWhileTheRecorderStartsIs503ThenStoppedCameraIs409() {
        String id = ApiCameras.create(Map.of("name", "rec-wait", "protocol", "http",
                "source_url", "http://10.2.0.3/a", "node_name", "node-that-is-not-there"));
        for (int i = 0; i < 3; i++) {
            given().post("/api/cameras/" + id + "/recording/start").then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", equalTo("5"))
                    .body("status", equalTo(503)).body("detail", containsString("recorder is still starting"));
            sleep(Duration.ofSeconds(1));
        }
        assertThat(recordingsOf("rec-wait")).isEmpty();
        given().get("/api/cameras/" + id + "/recording/status").then().statusCode(200)
                .body("recording", equalTo(false)).body("status", equalTo("idle"));

        given().contentType(ContentType.JSON).body(Map.of("node_name", "node-a")).patch("/api/cameras/" + id)
                .then().statusCode(200);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().post("/api/cameras/" + id + "/recording/start")
                .then().statusCode(201).body("status", equalTo("pending")));
        assertThat(recordingsOf("rec-wait")).hasSize(1);
        given().post("/api/cameras/" + id + "/recording/stop").then().statusCode(200);

        given().post("/api/cameras/" + id + "/stop").then().statusCode(200);
        await().atMost(WAIT).untilAsserted(() -> given().post("/api/cameras/" + id + "/recording/start").then()
                .statusCode(409).contentType("application/problem+json").body("detail", containsString("stopped")));
        assertThat(recordingsOf("rec-wait")).hasSize(1);

        given().post("/api/cameras/00000000-0000-0000-0000-000000000000/recording/start").then().statusCode(404)
                .contentType("application/problem+json");
        given().urlEncodingEnabled(false).post("/api/cameras/..%2F..%2Fetc%2Fpasswd/recording/start").then()
                .statusCode(400).contentType("application/problem+json");
        given().delete("/api/cameras/" + id).then().statusCode(204);
    }

    private static List<Recording> recordingsOf(String cameraName) {
        return ControlPlane.shared().adminClient().resources(Recording.class).inNamespace(ApiTestResource.namespace())
                .list().getItems().stream().filter(r -> cameraName.equals(r.getSpec().getCameraRef())).toList();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Five files of one camera (four finished, one being written) and one of another camera. */
    @Test
    void recordingsListFiltersAndPages() {
        String camera = "0a1b2c3d-0000-4000-8000-0000000011a7";
        String other = "0a1b2c3d-0000-4000-8000-0000000011a8";
        for (int minute = 0; minute < 5; minute++) {
            event(minute == 4 ? "segment_started" : "segment_finished", camera,
                    "/recordings/" + camera + "/paged_20260101_12" + String.format("%02d", minute) + "00.mp4",
                    "2026-01-01T12:" + String.format("%02d", minute) + ":00Z");
        }
        event("segment_finished", other, "/recordings/" + other + "/other_20260101_120000.mp4", "2026-01-01T12:00:00Z");

        given().get("/api/recordings?camera_id=" + camera).then().statusCode(200)
                .body("count", equalTo(5)).body("total", equalTo(5))
                .body("recordings.camera_id", everyItem(equalTo(camera)))
                .body("recordings.file_name", contains("paged_20260101_120400.mp4", "paged_20260101_120300.mp4",
                        "paged_20260101_120200.mp4", "paged_20260101_120100.mp4", "paged_20260101_120000.mp4"));
        given().get("/api/recordings?camera_id=" + camera + "&limit=2").then().statusCode(200)
                .body("count", equalTo(2)).body("total", equalTo(5)).body("limit", equalTo(2)).body("offset", equalTo(0))
                .body("recordings.file_name", contains("paged_20260101_120400.mp4", "paged_20260101_120300.mp4"));
        given().get("/api/recordings?camera_id=" + camera + "&limit=2&offset=2").then().statusCode(200)
                .body("recordings.file_name", contains("paged_20260101_120200.mp4", "paged_20260101_120100.mp4"));
        given().get("/api/recordings?camera_id=" + camera + "&limit=2&offset=4").then().statusCode(200)
                .body("count", equalTo(1)).body("recordings.file_name", contains("paged_20260101_120000.mp4"));
        given().get("/api/recordings?camera_id=" + camera + "&offset=10").then().statusCode(200)
                .body("count", equalTo(0)).body("total", equalTo(5));
        given().get("/api/recordings?camera_id=" + camera + "&status=recording").then().statusCode(200)
                .body("count", equalTo(1)).body("recordings[0].file_name", equalTo("paged_20260101_120400.mp4"))
                .body("recordings[0].status", equalTo("recording"));
        given().get("/api/recordings?camera_id=" + camera + "&status=completed").then().statusCode(200)
                .body("total", equalTo(4)).body("recordings.status", everyItem(equalTo("completed")));
        given().get("/api/recordings?status=completed&limit=1000").then().statusCode(200)
                .body("recordings.camera_id", hasItems(camera, other));
        given().get("/api/recordings?camera_id=" + other + "&status=recording").then().statusCode(200)
                .body("count", equalTo(0));
    }

    private static void event(String type, String cameraId, String path, String start) {
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + ApiTestResource.TOKEN)
                .body(Map.of("type", type, "camera_id", cameraId, "camera_name", "paged", "file_path", path,
                        "node_name", "node-a", "start_time", start, "size_bytes", 100))
                .post("/api/internal/recorder-events").then().statusCode(204);
    }

    @Test
    void recordingsOutliveTheirCamera() {
        String id = ApiCameras.createHttp("outlived", "http://10.2.0.2/a");
        String path = "/recordings/" + id + "/outlived_20260101_120000.mp4";
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + ApiTestResource.TOKEN)
                .body(Map.of("type", "segment_finished", "camera_id", id, "camera_name", "outlived", "file_path", path,
                        "node_name", "node-a", "size_bytes", 10))
                .post("/api/internal/recorder-events").then().statusCode(204);
        String recording = given().get("/api/recordings?camera_id=" + id).then().statusCode(200)
                .body("count", equalTo(1)).extract().path("recordings[0].id");

        given().delete("/api/cameras/" + id).then().statusCode(204);
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/recordings/" + recording).then().statusCode(200)
                .body("camera_deleted", equalTo(true)));

        // The recorder closes its last segment after the camera is gone: that file is camera_deleted too.
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + ApiTestResource.TOKEN)
                .body(Map.of("type", "segment_finished", "camera_id", id, "camera_name", "outlived",
                        "file_path", "/recordings/" + id + "/outlived_20260101_120500.mp4", "node_name", "node-a",
                        "size_bytes", 10))
                .post("/api/internal/recorder-events").then().statusCode(204);
        given().get("/api/recordings?camera_id=" + id).then().statusCode(200)
                .body("count", equalTo(2)).body("recordings.camera_deleted", everyItem(equalTo(true)));
    }

    @Test
    void restartAllAndAConfirmedDeleteAll() {
        ApiCameras.createHttp("bulk-1", "http://10.2.1.1/a");
        ApiCameras.createHttp("bulk-2", "http://10.2.1.2/a");
        given().post("/api/settings/restart-all").then().statusCode(200);
        assertThat(ControlPlane.shared().adminClient().resources(Camera.class).inNamespace(ApiTestResource.namespace())
                .withName("bulk-1").get().getMetadata().getAnnotations()).containsKey(Camera.RESTARTED_AT_ANNOTATION);

        given().delete("/api/settings/cameras/all?confirm=yes").then().statusCode(400)
                .body("field", equalTo("confirm"));
        given().delete("/api/settings/cameras/all?confirm=delete-all-cameras").then().statusCode(200);
        await().atMost(WAIT).untilAsserted(() -> assertThat(ControlPlane.shared().adminClient().resources(Camera.class)
                .inNamespace(ApiTestResource.namespace()).list().getItems()).isEmpty());
    }
}
