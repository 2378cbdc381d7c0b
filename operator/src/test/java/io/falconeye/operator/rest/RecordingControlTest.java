package io.falconeye.operator.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
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
        String id = camera("rec-ctl", "http://10.2.0.1/a");
        given().post("/api/cameras/" + id + "/recording/start").then().statusCode(201)
                .body("recording", equalTo(true));
        List<Recording> recordings = ControlPlane.shared().adminClient().resources(Recording.class)
                .inNamespace(ApiTestResource.namespace()).list().getItems();
        assertThat(recordings).singleElement().satisfies(r -> assertThat(r.getSpec().getCameraRef()).isEqualTo("rec-ctl"));

        await().atMost(WAIT).untilAsserted(() -> given().post("/api/cameras/" + id + "/recording/start").then()
                .statusCode(409).contentType("application/problem+json"));
        given().get("/api/cameras/" + id + "/recording/status").then().statusCode(200).body("recording", equalTo(true))
                .body("recording_id", equalTo(recordings.get(0).getMetadata().getUid()));

        given().post("/api/cameras/" + id + "/recording/stop").then().statusCode(200);
        assertThat(ControlPlane.shared().adminClient().resources(Recording.class).inNamespace(ApiTestResource.namespace())
                .withName(recordings.get(0).getMetadata().getName()).get().getSpec().isStop()).isTrue();
        await().atMost(WAIT).untilAsserted(() -> given().post("/api/cameras/" + id + "/recording/stop").then()
                .statusCode(409));
        given().delete("/api/cameras/" + id).then().statusCode(204);
    }

    @Test
    void recordingsOutliveTheirCamera() {
        String id = camera("outlived", "http://10.2.0.2/a");
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
    }

    @Test
    void restartAllAndAConfirmedDeleteAll() {
        camera("bulk-1", "http://10.2.1.1/a");
        camera("bulk-2", "http://10.2.1.2/a");
        given().post("/api/settings/restart-all").then().statusCode(200);
        assertThat(ControlPlane.shared().adminClient().resources(Camera.class).inNamespace(ApiTestResource.namespace())
                .withName("bulk-1").get().getMetadata().getAnnotations()).containsKey(Camera.RESTARTED_AT_ANNOTATION);

        given().delete("/api/settings/cameras/all?confirm=yes").then().statusCode(400)
                .body("field", equalTo("confirm"));
        given().delete("/api/settings/cameras/all?confirm=delete-all-cameras").then().statusCode(200);
        await().atMost(WAIT).untilAsserted(() -> assertThat(ControlPlane.shared().adminClient().resources(Camera.class)
                .inNamespace(ApiTestResource.namespace()).list().getItems()).isEmpty());
    }

    static String camera(String name, String url) {
        String id = given().contentType(ContentType.JSON).body(Map.of("name", name, "protocol", "http", "source_url", url))
                .post("/api/cameras").then().statusCode(201).extract().path("id");
        await().atMost(WAIT).until(() -> given().get("/api/cameras/" + id).statusCode() == 200);
        return id;
    }
}
