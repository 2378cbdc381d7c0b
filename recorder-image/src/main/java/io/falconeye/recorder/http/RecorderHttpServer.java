package io.falconeye.recorder.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.falconeye.recorder.events.EventJournal;
import io.falconeye.recorder.metrics.RecorderMetrics;
import io.falconeye.recorder.segments.SegmentRecord;
import io.falconeye.recorder.segments.StoredFile;
import io.falconeye.recorder.session.Recorder;
import io.falconeye.recorder.session.RecorderException;
import io.falconeye.recorder.session.RecordingSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recorder's HTTP API, compatible with the earlier recorder: {@code GET /health},
 * {@code GET /status}, {@code POST /start}, {@code POST /stop}, {@code GET /files}; plus
 * {@code GET /segments} and {@code GET /metrics}. JSON is snake_case; errors are RFC 9457
 * problem documents ({@code application/problem+json}).
 */
public final class RecorderHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RecorderHttpServer.class);
    private static final ObjectMapper JSON = EventJournal.JSON;
    private static final int MAX_BODY = 16 * 1024;

    private final Recorder recorder;
    private final RecorderMetrics metrics;
    private final Clock clock;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
        Thread thread = new Thread(r, "http");
        thread.setDaemon(true);
        return thread;
    });

    public RecorderHttpServer(Recorder recorder, RecorderMetrics metrics, Clock clock, String bindAddress, int port) {
        this.recorder = recorder;
        this.metrics = metrics;
        this.clock = clock;
        try {
            server = HttpServer.create(new InetSocketAddress(bindAddress, port), 50);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + bindAddress + ":" + port + ": " + e.getMessage(), e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    public RecorderHttpServer start() {
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            try {
                switch (path) {
                    case "/health" -> only(method, "GET", () -> json(exchange, 200, health()));
                    case "/status" -> only(method, "GET", () -> json(exchange, 200, status()));
                    case "/start" -> only(method, "POST", () -> json(exchange, 200, start(exchange)));
                    case "/stop" -> only(method, "POST", () -> json(exchange, 200, stop()));
                    case "/files" -> only(method, "GET", () -> json(exchange, 200, files()));
                    case "/segments" -> only(method, "GET", () -> json(exchange, 200, segments(exchange)));
                    case "/metrics" -> only(method, "GET", () -> text(exchange, metrics.scrape()));
                    default -> throw new RecorderException(404, "Not found", "no endpoint " + path
                            + "; see /health, /status, /start, /stop, /files, /segments, /metrics");
                }
            } catch (RecorderException e) {
                problem(exchange, e.status(), e.title(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("{} {} failed: {}", method, path, e.toString());
                problem(exchange, 500, "Internal error", "the recorder could not answer: " + e.getMessage());
            }
        }
    }

    private interface Action {
        void run() throws IOException;
    }

    private static void only(String method, String allowed, Action action) throws IOException {
        if (!method.equals(allowed)) {
            throw new RecorderException(405, "Method not allowed", "use " + allowed);
        }
        action.run();
    }

    private Map<String, Object> health() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("timestamp", clock.instant().toString());
        body.put("recording", recorder.status() == Recorder.Status.RECORDING);
        return body;
    }

    private Map<String, Object> status() {
        Map<String, Object> body = new LinkedHashMap<>();
        Optional<RecordingSession> session = recorder.currentOrLast();
        body.put("status", recorder.status().name().toLowerCase());
        body.put("camera_id", recorder.config().cameraId());
        body.put("node_name", recorder.config().nodeName());
        body.put("recording_id", session.map(RecordingSession::recordingId).orElse(null));
        Optional<RecordingSession.OpenSegment> segment = recorder.status() == Recorder.Status.RECORDING
                ? session.flatMap(RecordingSession::currentSegment) : Optional.empty();
        body.put("file_path", segment.map(s -> s.path().toString()).orElse(null));
        body.put("file_name", segment.map(s -> s.path().getFileName().toString()).orElse(null));
        body.put("start_time", session.map(s -> s.startedAt().toString()).orElse(null));
        body.put("segment_start_time", segment.map(s -> s.started().toString()).orElse(null));
        body.put("source_state", recorder.status() == Recorder.Status.RECORDING
                ? session.map(s -> s.sourceState().name().toLowerCase()).orElse(null) : null);
        body.put("segments", session.map(RecordingSession::segmentCount).orElse(0));
        body.put("bytes_written", session.map(RecordingSession::bytesWritten).orElse(0L));
        body.put("gaps", session.map(RecordingSession::gapCount).orElse(0));
        body.put("last_error", session.map(RecordingSession::lastError).orElse(null));
        body.put("segment_seconds", recorder.config().segmentSeconds());
        return body;
    }

    private Map<String, Object> start(HttpExchange exchange) throws IOException {
        JsonNode body = readBody(exchange);
        String recordingId = text(body, "recording_id");
        String cameraId = text(body, "camera_id");
        recorder.start(recordingId, cameraId);
        return status();
    }

    private Map<String, Object> stop() {
        recorder.stop();
        return status();
    }

    private Map<String, Object> files() {
        List<StoredFile> files = recorder.files();
        String inProgress = recorder.status() == Recorder.Status.RECORDING ? recorder.currentOrLast()
                .flatMap(RecordingSession::currentSegment).map(s -> s.path().toString()).orElse(null) : null;
        List<Map<String, Object>> list = new ArrayList<>();
        long total = 0;
        for (StoredFile file : files) {
            Map<String, Object> entry = new LinkedHashMap<>();
            SegmentRecord record = recorder.ledger().get(file.fileName());
            entry.put("file_name", file.fileName());
            entry.put("file_path", file.path().toString());
            entry.put("size_bytes", file.sizeBytes());
            entry.put("start_time", file.startTime().toString());
            entry.put("modified_time", file.lastModified().toString());
            entry.put("duration_seconds", record == null ? null : record.durationSeconds());
            entry.put("recording_id", record == null ? null : record.recordingId());
            entry.put("in_progress", file.path().toString().equals(inProgress));
            list.add(entry);
            total += file.sizeBytes();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("camera_id", recorder.config().cameraId());
        body.put("files", list);
        body.put("count", list.size());
        body.put("total_bytes", total);
        return body;
    }

    private Map<String, Object> segments(HttpExchange exchange) {
        Map<String, String> query = query(exchange);
        String recordingId = query.get("recording_id");
        if (recordingId == null) {
            recordingId = recorder.currentOrLast().map(RecordingSession::recordingId).orElseThrow(() ->
                    new RecorderException(400, "Missing recording id", "give ?recording_id=... (nothing recorded yet)"));
        }
        List<SegmentRecord> records = recorder.ledger().forRecording(recordingId);
        long total = records.stream().mapToLong(r -> r.sizeBytes() == null ? 0 : r.sizeBytes()).sum();
        double seconds = records.stream().mapToDouble(r -> r.durationSeconds() == null ? 0 : r.durationSeconds()).sum();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("camera_id", recorder.config().cameraId());
        body.put("recording_id", recordingId);
        List<Map<String, Object>> list = new ArrayList<>();
        for (SegmentRecord record : records) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("file_name", record.fileName());
            entry.put("file_path", recorder.config().cameraDirectory().resolve(record.fileName()).toString());
            entry.put("state", record.state());
            entry.put("start_time", record.startTime());
            entry.put("end_time", record.endTime());
            entry.put("size_bytes", record.sizeBytes());
            entry.put("duration_seconds", record.durationSeconds());
            list.add(entry);
        }
        body.put("segments", list);
        body.put("count", list.size());
        body.put("total_bytes", total);
        body.put("total_duration_seconds", Math.round(seconds * 1000) / 1000.0);
        return body;
    }

    private static JsonNode readBody(HttpExchange exchange) throws IOException {
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY + 1);
        }
        if (bytes.length > MAX_BODY) {
            throw new RecorderException(413, "Body too large", "the request body must be under " + MAX_BODY + " bytes");
        }
        if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            return JSON.createObjectNode();
        }
        JsonNode body;
        try {
            body = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new RecorderException(400, "Malformed JSON", "the body is not valid JSON; send e.g. "
                    + "{\"recording_id\": \"rec-1\"}");
        }
        if (!body.isObject()) {
            throw new RecorderException(400, "Malformed JSON", "the body must be a JSON object like "
                    + "{\"recording_id\": \"rec-1\"}");
        }
        return body;
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new RecorderException(400, "Invalid " + field, field + " must be a non-empty string");
        }
        return value.asText().trim();
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> params = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return params;
    }

    private static void json(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, "application/json", JSON.writeValueAsBytes(body));
    }

    private static void text(HttpExchange exchange, String body) throws IOException {
        send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    private static void problem(HttpExchange exchange, int status, String title, String detail) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        send(exchange, status, "application/problem+json", JSON.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
