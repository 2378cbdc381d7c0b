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
        boolean chunked = false;
        String header;
        while (!(header = line(in)).isEmpty()) {
            chunked |= header.toLowerCase().startsWith("transfer-encoding:") && header.toLowerCase().contains("chunked");
        }
        parts = new MjpegTestViewer(chunked ? new Dechunked(in) : in, "multipart/x-mixed-replace; boundary=frame");
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

    /** HTTP/1.1 chunked transfer decoding. */
    private static final class Dechunked extends InputStream {
        private final InputStream in;
        private int remaining;

        Dechunked(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining == 0) {
                String size = line(in);
                if (size.isEmpty()) {
                    size = line(in);
                }
                remaining = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (remaining == 0) {
                    return -1;
                }
            }
            int read = in.read(buffer, offset, Math.min(length, remaining));
            if (read < 0) {
                throw new EOFException("connection closed inside a chunk");
            }
            remaining -= read;
            return read;
        }
    }
}
