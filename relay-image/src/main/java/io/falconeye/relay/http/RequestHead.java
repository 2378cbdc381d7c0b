package io.falconeye.relay.http;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The request line of an HTTP/1.x request (the relay needs no request header). A pure parser over
 * the bytes received so far.
 *
 * @param method the method token, e.g. {@code GET}
 * @param path   the target's path, without query, for origin-form and absolute-form targets
 */
record RequestHead(String method, String path) {

    /** Longest request head accepted (request line and headers). */
    static final int MAX_BYTES = 8 * 1024;

    /** Malformed request: answered with 400 and closed. */
    static final class BadRequestException extends Exception {
        BadRequestException(String message) {
            super(message);
        }
    }

    /** The head when {@code bytes[0, length)} holds a complete one (ends with an empty line), else empty. */
    static Optional<RequestHead> parse(byte[] bytes, int length) throws BadRequestException {
        int end = endOfHead(bytes, length);
        if (end < 0) {
            if (length >= MAX_BYTES) {
                throw new BadRequestException("request head longer than " + MAX_BYTES + " bytes");
            }
            return Optional.empty();
        }
        int lineEnd = 0;
        while (bytes[lineEnd] != '\n') {
            lineEnd++;
        }
        String line = new String(bytes, 0, lineEnd, StandardCharsets.ISO_8859_1).strip();
        String[] tokens = line.split(" ");
        if (tokens.length != 3 || tokens[0].isEmpty() || !tokens[2].startsWith("HTTP/1.")) {
            throw new BadRequestException("not an HTTP/1.x request line");
        }
        return Optional.of(new RequestHead(tokens[0], path(tokens[1])));
    }

    private static String path(String target) throws BadRequestException {
        String path = target;
        int scheme = path.indexOf("://");
        if (scheme > 0 && path.indexOf('/') > scheme) {
            int slash = path.indexOf('/', scheme + 3);
            path = slash < 0 ? "/" : path.substring(slash);
        }
        if (!path.startsWith("/")) {
            throw new BadRequestException("request target is not a path");
        }
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    /** Index just past the blank line ending the head (CRLF CRLF, or bare LF LF), -1 when not there yet. */
    private static int endOfHead(byte[] bytes, int length) {
        for (int i = 1; i < length; i++) {
            if (bytes[i] == '\n') {
                if (bytes[i - 1] == '\n') {
                    return i + 1;
                }
                if (i >= 3 && bytes[i - 1] == '\r' && bytes[i - 2] == '\n') {
                    return i + 1;
                }
            }
        }
        return -1;
    }
}
