package io.falconeye.operator.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.falconeye.operator.api.Camera;
import io.falconeye.operator.api.Recording;
import io.falconeye.operator.api.RecordingSpec;
import io.falconeye.operator.mirror.MirrorWriter;
import io.falconeye.testsupport.db.PostgresServer;
import io.falconeye.testsupport.kube.ControlPlane;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL goes away for 60 s while cameras are created, changed and deleted: reconciliation
 * and the camera API carry on, and once the database is back its tables match the resources.
 */
@QuarkusTest
@QuarkusTestResource(value = ApiTestResource.class, restrictToAnnotatedClass = true)
class DatabaseOutageTest {

    @Inject
    MirrorWriter mirror;

    @Test
    void sixtySecondsWithoutPostgresLoseNothing() throws Exception {
        KubernetesClient kube = ControlPlane.shared().adminClient();
        String ns = ApiTestResource.namespace();
        String before = ApiCameras.createHttp("outage-before", "http://10.1.0.1/a");
        String doomed = ApiCameras.createHttp("outage-doomed", "http://10.1.0.2/a");
        // a file of the camera that will be deleted while the database is down
        String doomedFile = "/recordings/" + doomed + "/outage-doomed_20260101_120000.mp4";
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + ApiTestResource.TOKEN)
                .body(Map.of("type", "segment_finished", "camera_id", doomed, "camera_name", "outage-doomed",
                        "file_path", doomedFile, "node_name", "node-a", "size_bytes", 10))
                .post("/api/internal/recorder-events").then().statusCode(204);
        await().atMost(Duration.ofSeconds(30)).until(mirror::isInSync);

        PostgresServer pg = PostgresServer.shared();
        pg.stop();
        Instant restartAt = Instant.now().plusSeconds(60);
        List<String> createdDuringOutage = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                createdDuringOutage.add(ApiCameras.createHttp("outage-new-" + i, "http://10.1.1." + i + "/a"));
            }
            given().contentType(ContentType.JSON).body(Map.of("location", "changed while the database was down"))
                    .patch("/api/cameras/" + before).then().statusCode(200);
            given().delete("/api/cameras/" + doomed).then().statusCode(204);
            Recording session = new Recording();
            session.getMetadata().setName("outage-before-session");
            session.getMetadata().setNamespace(ns);
            RecordingSpec spec = new RecordingSpec();
            spec.setCameraRef("outage-before");
            session.setSpec(spec);
            kube.resource(session).create();

            // reconciliation goes on: the new cameras get their relay Deployments
            await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
                for (int i = 0; i < 3; i++) {
                    assertThat(kube.apps().deployments().inNamespace(ns).withName("cam-outage-new-" + i).get())
                            .as("relay of outage-new-" + i).isNotNull();
                }
            });
            // the camera API is served from the informer cache, the recordings API says it cannot answer
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/cameras").then()
                    .statusCode(200).body("cameras.id", org.hamcrest.Matchers.hasItems(createdDuringOutage.toArray())));
            given().get("/api/recordings").then().statusCode(503).contentType("application/problem+json");
            assertThat(mirror.isInSync()).isFalse();
            long wait = Duration.between(Instant.now(), restartAt).toMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
        } finally {
            pg.start();
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<List<String>> expected = new ArrayList<>();
            kube.resources(Camera.class).inNamespace(ns).list().getItems().stream()
                    .sorted(java.util.Comparator.comparing(c -> c.getMetadata().getUid()))
                    .forEach(c -> expected.add(List.of(c.getMetadata().getUid(), c.getMetadata().getName(),
                            c.getMetadata().getResourceVersion(), String.valueOf(c.getSpec().getLocation()))));
            List<List<String>> rows = Db.rows("select id, name, resource_version, coalesce(location, 'null') "
                    + "from cameras where namespace = '" + ns + "' order by id");
            assertThat(rows).isEqualTo(expected);
        });
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<List<String>> expected = new ArrayList<>();
            kube.resources(Recording.class).inNamespace(ns).list().getItems().stream()
                    .sorted(java.util.Comparator.comparing(r -> r.getMetadata().getUid()))
                    .forEach(r -> expected.add(List.of(r.getMetadata().getUid(), r.getMetadata().getName(),
                            r.getSpec().getCameraRef(), r.getMetadata().getResourceVersion())));
            assertThat(expected).isNotEmpty();
            List<List<String>> rows = Db.rows("select id, name, camera_name, resource_version "
                    + "from recording_sessions where namespace = '" + ns + "' order by id");
            assertThat(rows).isEqualTo(expected);
        });
        assertThat(Db.rows("select camera_deleted from recordings where file_path = '" + doomedFile + "'"))
                .containsExactly(List.of("t"));
        assertThat(Db.rows("select location from cameras where id = '" + before + "'"))
                .containsExactly(List.of("changed while the database was down"));
        assertThat(Db.rows("select id from cameras where id = '" + doomed + "'")).isEmpty();
    }
}
