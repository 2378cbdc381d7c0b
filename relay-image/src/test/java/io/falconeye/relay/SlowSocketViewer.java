package io.falconeye.relay;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * An MJPEG viewer on a plain socket with a small receive buffer, so that reading slowly really
 * pushes back on the relay (HttpURLConnection cannot size its socket buffer).
 */
final class SlowSocketViewer implements AutoCloseable {

    private final Socket socket;
    private final MjpegTestViewer parts;

    SlowSocketViewer(int port, String path) throws IOException {
        socket = new Socket();
        socket.setReceiveBufferSize(16 * 1024);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(20000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = new BufferedInputStream(socket.getInputStream(), 8 * 1024);
        String status = line(in);
        if (!status.contains(" 200 ")) {
            throw new IOException("relay answered " + status);
        }
        // The relay sends its endless body as is (no chunked coding; Connection: close ends it).
        while (!line(in).isEmpty()) {
            // headers
        }
        parts = new MjpegTestViewer(in, "multipart/x-mixed-replace; boundary=frame");
    }

    MjpegTestViewer.Part next() throws IOException {
        return parts.next();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new EOFException("connection closed");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }
}
