package io.falconeye.relay.ingest;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 GET of an endless body (a camera's MJPEG stream) on a plain or TLS socket. The body
 * is read from the socket in blocks of up to 64 KiB, de-chunked when the camera chunks it.
 * (HttpURLConnection reads a socket 8 KiB at a time and asks it how much is available around every
 * read: several system calls per frame, which is most of what passing MJPEG through costs.)
 */
final class HttpGet implements Closeable {

    private static final int BUFFER_BYTES = 64 * 1024;
    private static final int MAX_HEAD_LINE = 8 * 1024;
    private static final int MAX_HEADERS = 100;

    private final Socket socket = new Socket();
    private volatile boolean closed;
    private int status;
    private Map<String, String> headers = Map.of();
    private InputStream body;

    /**
     * Connects, sends the request and reads the response head. No timeouts: with one, the JDK
     * switches the socket to non-blocking mode for good and then polls before every read. A
     * camera that does not answer is left to the caller's watchdog, which calls {@link #close()}.
     *
     * @param authorization the Authorization header's value, or null
     * @throws IllegalArgumentException when the URI is not an absolute http(s) URL
     */
    void open(URI uri, String authorization) throws IOException {
        String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("not an http(s) URL with a host");
        }
        boolean tls = scheme.equals("https");
        String host = uri.getHost();
        String address = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        socket.connect(new InetSocketAddress(address, port));
        if (closed) {
            throw new IOException("closed");
        }
        Socket connection = socket;
        if (tls) {
            SSLSocket ssl = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                    .createSocket(socket, address, port, true);
            SSLParameters parameters = ssl.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            ssl.setSSLParameters(parameters);
            connection = ssl;
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        String request = "GET " + target + " HTTP/1.1\r\n"
                + "Host: " + host + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + "\r\n"
                + "Accept: multipart/x-mixed-replace, image/jpeg\r\n"
                + "User-Agent: falcon-eye-relay\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "Connection: close\r\n\r\n";
        connection.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        InputStream in = new BufferedInputStream(connection.getInputStream(), BUFFER_BYTES);
        status = statusCode(readLine(in));
        Map<String, String> received = new HashMap<>();
        String line;
        while (!(line = readLine(in)).isEmpty()) {
            int colon = line.indexOf(':');
            if (colon > 0 && received.size() < MAX_HEADERS) {
                received.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
            }
        }
        headers = received;
        boolean chunked = header("Transfer-Encoding").orElse("").toLowerCase(Locale.ROOT).contains("chunked");
        body = chunked ? new ChunkedBody(in) : in;
    }

    int status() {
        return status;
    }

    /** A response header (name case-insensitive). */
    Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    InputStream body() {
        return body;
    }

    /** Also from another thread: a connect or read blocked on this socket then fails. */
    @Override
    public void close() throws IOException {
        closed = true;
        socket.close();
    }

    private static int statusCode(String statusLine) throws IOException {
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x response");
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP/1.x response");
        }
    }

    /** A head line without CRLF (read byte by byte: only the head and chunk sizes are read this way). */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new EOFException("connection closed by the camera");
            }
            if (line.size() >= MAX_HEAD_LINE) {
                throw new IOException("HTTP head line longer than " + MAX_HEAD_LINE + " bytes");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /** HTTP/1.1 chunked transfer coding, decoded as it is read. */
    static final class ChunkedBody extends InputStream {
        private final InputStream in;
        private int remaining;
        private boolean started;
        private boolean ended;

        ChunkedBody(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (remaining == 0 && !nextChunk()) {
                return -1;
            }
            int read = in.read(into, offset, Math.min(length, remaining));
            if (read < 0) {
                throw new EOFException("stream ended inside a chunk");
            }
            remaining -= read;
            return read;
        }

        private boolean nextChunk() throws IOException {
            if (ended) {
                return false;
            }
            if (started && !readLine(in).isEmpty()) {
                throw new IOException("chunk not followed by CRLF");
            }
            started = true;
            String size = readLine(in);
            int extension = size.indexOf(';');
            try {
                remaining = Integer.parseInt((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size in the camera's response");
            }
            if (remaining < 0) {
                throw new IOException("bad chunk size in the camera's response");
            }
            ended = remaining == 0;
            return !ended;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
