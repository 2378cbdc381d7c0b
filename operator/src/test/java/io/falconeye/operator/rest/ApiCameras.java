package io.falconeye.operator.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;

/** Cameras made through the REST API, as the dashboard makes them, for the API's tests. */
final class ApiCameras {

    private ApiCameras() {
    }

    /** POSTs an http camera and waits until the API lists it; returns its id. */
    static String createHttp(String name, String sourceUrl) {
        return create(Map.of("name", name, "protocol", "http", "source_url", sourceUrl));
    }

    /** POSTs {@code body} (expecting 201) and waits until the API lists the camera; returns its id. */
    static String create(Map<String, String> body) {
        String id = given().contentType(ContentType.JSON).body(body)
                .post("/api/cameras").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/api/cameras/" + id).statusCode() == 200);
        return id;
    }
}
