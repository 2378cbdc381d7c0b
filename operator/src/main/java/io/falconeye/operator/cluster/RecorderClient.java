package io.falconeye.operator.cluster;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The recorder's HTTP API: POST /start {"recording_id"}, POST /stop, GET /status. */
@ApplicationScoped
public class RecorderClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final ObjectMapper json = new ObjectMapper();

    /** What GET /status (and the answers of /start and /stop) report. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RecorderStatus(
            @JsonProperty("recording_id") String recordingId,
            @JsonProperty("file_path") String filePath,
            @JsonProperty("file_name") String fileName,
            @JsonProperty("start_time") String startTime,
            @JsonProperty("status") String status,
            @JsonProperty("segments") Long segments,
            @JsonProperty("bytes_written") Long bytes) {

        public boolean isRecording(String id) {
            return "recording".equals(status) && id.equals(recordingId);
        }
    }

    /** Outcome of a start or stop: the HTTP code and, when the body parses, the recorder's status. */
    public record Answer(int code, RecorderStatus status) {

        public boolean ok() {
            return code / 100 == 2;
        }

        public boolean conflict() {
            return code == 409;
        }
    }

    /** The recorder did not answer at all (connection refused, reset or timed out). */
    public static final class Unreachable extends UncheckedIOException {
        Unreachable(String message, IOException cause) {
            super(message, cause);
        }
    }

    public Answer start(URI recorder, String recordingId) {
        String body = write(Map.of("recording_id", recordingId));
        return send(HttpRequest.newBuilder(recorder.resolve("/start")).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public Answer stop(URI recorder) {
        return send(HttpRequest.newBuilder(recorder.resolve("/stop")).timeout(Duration.ofSeconds(15))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    public Answer status(URI recorder) {
        return send(HttpRequest.newBuilder(recorder.resolve("/status")).timeout(TIMEOUT).GET().build());
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), parse(response.body()));
        } catch (IOException e) {
            throw new Unreachable("recorder at " + request.uri().getHost() + " did not answer: "
                    + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling the recorder", e);
        }
    }

    private RecorderStatus parse(String body) {
        if (body == null || body.isBlank() || !body.trim().startsWith("{")) {
            return null;
        }
        try {
            return json.readValue(body, RecorderStatus.class);
        } catch (IOException e) {
            return null;
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
