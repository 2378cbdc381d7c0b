package io.falconeye.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.falconeye.recorder.config.RecorderConfig;
import io.falconeye.recorder.config.RecorderConfigParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Test helpers: a recorder configured like the operator does it, and calls to its HTTP API. */
final class RecorderFixture {

    static final String TOKEN = "test-internal-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private RecorderFixture() {}

    static Map<String, String> env(String cameraId, String sourceUrl, Path recordings, EventReceiver receiver) {
        Map<String, String> env = new HashMap<>();
        env.put("CAMERA_ID", cameraId);
        env.put("CAMERA_NAME", "Test Cam");
        env.put("SOURCE_URL", sourceUrl);
        env.put("RECORDINGS_PATH", recordings.toString());
        env.put("SEGMENT_SECONDS", "5");
        env.put("NODE_NAME", "node-a");
        env.put("BIND_ADDRESS", "127.0.0.1");
        env.put("PORT", "0");
        env.put("MIN_FREE_BYTES", "0");
        if (receiver != null) {
            env.put("API_URL", receiver.url());
            env.put("INTERNAL_TOKEN", TOKEN);
        }
        return env;
    }

    static RecorderApp start(Map<String, String> env) {
        RecorderConfig config = RecorderConfigParser.parse(env);
        return RecorderApp.start(config);
    }

    record Response(int status, String contentType, JsonNode body, String text) {}

    static Response call(RecorderApp app, String method, String path, String body) {
        return call(app.port(), method, path, body);
    }

    static Response call(int port, String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            String type = response.headers().firstValue("Content-Type").orElse("");
            JsonNode json = type.contains("json") ? JSON.readTree(response.body()) : null;
            return new Response(response.statusCode(), type, json, response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode ok(Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.body();
    }
}
