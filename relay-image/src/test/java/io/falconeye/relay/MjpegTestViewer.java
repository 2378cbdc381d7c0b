package io.falconeye.relay;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A browser-like MJPEG viewer that checks the wire format strictly: every part starts with
 * {@code --frame\r\n}, has Content-Type image/jpeg and a Content-Length that matches its body.
 */
final class MjpegTestViewer implements AutoCloseable {

    private final HttpURLConnection connection;
    private final InputStream in;
    private final String contentType;

    private MjpegTestViewer(HttpURLConnection connection) throws IOException {
        this.connection = connection;
        this.contentType = connection.getContentType();
        this.in = new BufferedInputStream(connection.getInputStream(), 64 * 1024);
    }

    /** Parses parts from an already opened body (e.g. a raw socket's de-chunked stream). */
    MjpegTestViewer(InputStream body, String contentType) {
        this.connection = null;
        this.contentType = contentType;
        this.in = body;
    }

    static MjpegTestViewer open(String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
        connection.setConnectTimeout(5000);
        connection.setReadTimeout(20000);
        if (connection.getResponseCode() != 200) {
            throw new IOException(url + " answered " + connection.getResponseCode());
        }
        return new MjpegTestViewer(connection);
    }

    String contentType() {
        return contentType;
    }

    /** Reads the next part; fails on any deviation from the multipart format. */
    Part next() throws IOException {
        String boundary = readLine();
        if (!boundary.equals("--frame")) {
            throw new IOException("part does not start with --frame but '" + boundary + "'");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String line;
        while (!(line = readLine()).isEmpty()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        if (!"image/jpeg".equals(headers.get("content-type"))) {
            throw new IOException("part Content-Type is " + headers.get("content-type"));
        }
        int length = Integer.parseInt(headers.get("content-length"));
        byte[] jpeg = in.readNBytes(length);
        if (jpeg.length != length) {
            throw new EOFException("stream ended inside a part");
        }
        if (!readLine().isEmpty()) {
            throw new IOException("part body is not followed by CRLF");
        }
        long receivedMicros = headers.containsKey("x-timestamp") ? Long.parseLong(headers.get("x-timestamp")) : -1;
        return new Part(jpeg, receivedMicros, System.nanoTime());
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new EOFException("stream ended");
            }
            line.write(b);
        }
        byte[] bytes = line.toByteArray();
        if (bytes.length == 0 || bytes[bytes.length - 1] != '\r') {
            throw new IOException("line not terminated by CRLF");
        }
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.disconnect();
        }
        try {
            in.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** @param relayReceivedMicros the relay's X-Timestamp, wall clock in microseconds */
    record Part(byte[] jpeg, long relayReceivedMicros, long arrivedNanos) {}
}
