package io.falconeye.relay.ingest;

import io.falconeye.relay.frames.FrameSink;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Splits a {@code multipart/x-mixed-replace} stream (what ffmpeg's mpjpeg muxer writes) into its
 * JPEG parts, byte for byte. Parts with a Content-Length are read exactly; parts without one are
 * read up to the next boundary line.
 */
public final class MultipartJpegReader {

    private static final int MAX_HEADER_LINE = 1024;
    private static final int MAX_PART_BYTES = 32 * 1024 * 1024;

    private final InputStream in;
    private byte[] delimiter;

    /**
     * @param boundary the boundary without the leading dashes, or null to take it from the
     *                 stream's first boundary line
     */
    public MultipartJpegReader(InputStream in, String boundary) {
        this.in = in instanceof java.io.BufferedInputStream ? in : new java.io.BufferedInputStream(in, 256 * 1024);
        this.delimiter = boundary == null ? null : delimiterFor(boundary);
    }

    private static byte[] delimiterFor(String boundary) {
        return ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads parts into {@code sink} until the stream ends (returns) or breaks (throws). */
    public void readAll(FrameSink sink) throws IOException {
        String line = readLine();
        while (line != null && line.isEmpty()) {
            line = readLine();
        }
        if (line == null) {
            return;
        }
        if (!line.startsWith("--")) {
            throw new IOException("not a multipart MJPEG stream: it starts without a boundary line");
        }
        if (delimiter == null) {
            delimiter = delimiterFor(line.substring(2).strip());
        }
        while (true) {
            int contentLength = readHeaders();
            if (contentLength == -2) {
                return;
            }
            byte[] part = contentLength >= 0 ? readExactly(contentLength) : readUntilDelimiter();
            sink.accept(part);
            if (contentLength >= 0 && !skipToNextBoundary()) {
                return;
            }
        }
    }

    /** Returns the Content-Length, -1 when absent, -2 at a clean end of stream. */
    private int readHeaders() throws IOException {
        int contentLength = -1;
        String line;
        boolean any = false;
        while ((line = readLine()) != null && !line.isEmpty()) {
            any = true;
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
                try {
                    contentLength = Integer.parseInt(line.substring(colon + 1).trim());
                } catch (NumberFormatException e) {
                    throw new IOException("bad Content-Length in MJPEG part: " + line);
                }
                if (contentLength < 0 || contentLength > MAX_PART_BYTES) {
                    throw new IOException("MJPEG part too large: " + contentLength + " bytes");
                }
            }
        }
        if (line == null) {
            if (!any) {
                return -2;
            }
            throw new EOFException("stream ended inside part headers");
        }
        return contentLength;
    }

    /** After a part read by length, skips the CRLF and the boundary line; false at end of stream. */
    private boolean skipToNextBoundary() throws IOException {
        String line;
        do {
            line = readLine();
            if (line == null) {
                return false;
            }
        } while (line.isEmpty());
        if (!line.startsWith("--")) {
            throw new IOException("expected a boundary line after an MJPEG part");
        }
        return !line.endsWith("--");
    }

    private byte[] readExactly(int length) throws IOException {
        byte[] data = in.readNBytes(length);
        if (data.length != length) {
            throw new EOFException("stream ended inside a JPEG (" + data.length + " of " + length + " bytes)");
        }
        return data;
    }

    /** Reads until CRLF--boundary, consuming the rest of that boundary line. */
    private byte[] readUntilDelimiter() throws IOException {
        ByteArrayOutputStream part = new ByteArrayOutputStream(64 * 1024);
        int matched = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("stream ended inside a JPEG");
            }
            if (b == (delimiter[matched] & 0xff)) {
                matched++;
                if (matched == delimiter.length) {
                    readLine();
                    return part.toByteArray();
                }
            } else {
                if (matched > 0) {
                    part.write(delimiter, 0, matched);
                    matched = b == (delimiter[0] & 0xff) ? 1 : 0;
                    if (matched == 0) {
                        part.write(b);
                    }
                } else {
                    part.write(b);
                }
            }
            if (part.size() > MAX_PART_BYTES) {
                throw new IOException("MJPEG part without Content-Length exceeds " + MAX_PART_BYTES + " bytes");
            }
        }
    }

    /** An ASCII line without its CRLF (or LF); null at end of stream. */
    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return line.length() == 0 ? null : line.toString();
            }
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            line.append((char) b);
            if (line.length() > MAX_HEADER_LINE) {
                throw new IOException("MJPEG header line longer than " + MAX_HEADER_LINE + " bytes");
            }
        }
    }
}
