package io.falconeye.relay.ingest;

import io.falconeye.relay.frames.FrameSink;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Splits a {@code multipart/x-mixed-replace} stream (what ffmpeg's mpjpeg muxer writes) into its
 * JPEG parts, byte for byte. Parts with a Content-Length are read exactly; parts without one are
 * read up to the next boundary line. The stream is read in large blocks into one reused buffer
 * and scanned there (no call per byte): a frame costs a read or two and one copy.
 */
public final class MultipartJpegReader {

    private static final int MAX_HEADER_LINE = 1024;
    private static final int MAX_PART_BYTES = 32 * 1024 * 1024;
    /**
     * Bytes asked for per read. The JDK's FileInputStream (a process's pipe) reads up to 8 KiB
     * through a stack buffer but mallocs a buffer for anything larger, on every call.
     */
    private static final int READ_BYTES = 8 * 1024;

    private final InputStream in;
    private byte[] delimiter;
    private byte[] buffer = new byte[64 * 1024];
    /** Unread bytes are {@code buffer[start, end)}. */
    private int start;
    private int end;

    /**
     * @param boundary the boundary without the leading dashes, or null to take it from the
     *                 stream's first boundary line
     */
    public MultipartJpegReader(InputStream in, String boundary) {
        this.in = in;
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

    /** What is buffered goes first, the rest is read straight into the part. */
    private byte[] readExactly(int length) throws IOException {
        byte[] data = new byte[length];
        int buffered = Math.min(length, end - start);
        System.arraycopy(buffer, start, data, 0, buffered);
        start += buffered;
        for (int read = buffered; read < length; ) {
            int n = in.read(data, read, Math.min(READ_BYTES, length - read));
            if (n < 0) {
                throw new EOFException("stream ended inside a JPEG (" + read + " of " + length + " bytes)");
            }
            read += n;
        }
        return data;
    }

    /** Reads until CRLF--boundary, consuming the rest of that boundary line. */
    private byte[] readUntilDelimiter() throws IOException {
        int scanned = start;
        while (true) {
            int found = indexOf(delimiter, scanned, end);
            if (found >= 0) {
                byte[] part = Arrays.copyOfRange(buffer, start, found);
                start = found + delimiter.length;
                readLine();
                return part;
            }
            // The delimiter may begin in the last bytes scanned: look at them again after the next read.
            scanned = Math.max(start, end - delimiter.length + 1);
            if (end - start > MAX_PART_BYTES) {
                throw new IOException("MJPEG part without Content-Length exceeds " + MAX_PART_BYTES + " bytes");
            }
            int shift = start;
            if (!fill()) {
                throw new EOFException("stream ended inside a JPEG");
            }
            scanned -= shift - start;
        }
    }

    /** An ASCII line without its CRLF (or LF); null at end of stream. */
    private String readLine() throws IOException {
        int scanned = start;
        while (true) {
            int newline = indexOf(scanned, end, (byte) '\n');
            if (newline >= 0) {
                int lineEnd = newline > start && buffer[newline - 1] == '\r' ? newline - 1 : newline;
                if (lineEnd - start > MAX_HEADER_LINE) {
                    throw new IOException("MJPEG header line longer than " + MAX_HEADER_LINE + " bytes");
                }
                String line = new String(buffer, start, lineEnd - start, StandardCharsets.ISO_8859_1);
                start = newline + 1;
                return line;
            }
            if (end - start > MAX_HEADER_LINE) {
                throw new IOException("MJPEG header line longer than " + MAX_HEADER_LINE + " bytes");
            }
            int offset = end - start;
            if (!fill()) {
                if (end == start) {
                    return null;
                }
                String rest = new String(buffer, start, end - start, StandardCharsets.ISO_8859_1);
                start = end;
                return rest;
            }
            scanned = start + offset;
        }
    }

    /**
     * Reads one block more, moving the unread bytes to the front (and growing the buffer when they
     * fill it). Unread bytes keep their order; {@code start} may change. False at end of stream.
     */
    private boolean fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (buffer.length - end < READ_BYTES) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, end + READ_BYTES));
        }
        int read = in.read(buffer, end, READ_BYTES);
        if (read < 0) {
            return false;
        }
        end += read;
        return true;
    }

    private int indexOf(int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private int indexOf(byte[] pattern, int from, int to) {
        byte first = pattern[0];
        for (int i = from, last = to - pattern.length; i <= last; i++) {
            if (buffer[i] != first) {
                continue;
            }
            int k = 1;
            while (k < pattern.length && buffer[i + k] == pattern[k]) {
                k++;
            }
            if (k == pattern.length) {
                return i;
            }
        }
        return -1;
    }
}
