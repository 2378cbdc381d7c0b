package io.falconeye.relay.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Complete HTTP/1.1 responses as bytes. Every response ends its connection ({@code Connection: close}):
 * probes and scrapes are rare, and the MJPEG body is delimited by the close itself.
 */
final class HttpResponses {

    private HttpResponses() {}

    /**
     * @param headers extra header lines, each {@code "Name: value"}
     * @param withBody false for HEAD: the same head, no body
     */
    static ByteBuffer of(int status, String reason, String contentType, byte[] body, boolean withBody,
                         String... headers) {
        StringBuilder head = new StringBuilder(160).append("HTTP/1.1 ").append(status).append(' ').append(reason)
                .append("\r\nContent-Type: ").append(contentType)
                .append("\r\nContent-Length: ").append(body.length).append("\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer response = ByteBuffer.allocate(headBytes.length + (withBody ? body.length : 0)).put(headBytes);
        if (withBody) {
            response.put(body);
        }
        return response.flip();
    }

    static ByteBuffer text(int status, String reason, String text, boolean withBody, String... headers) {
        return of(status, reason, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), withBody, headers);
    }

    /** The head of the endless multipart response: no Content-Length, the body ends when the connection does. */
    static ByteBuffer streamHead() {
        return ByteBuffer.wrap(("HTTP/1.1 200 OK\r\n"
                + "Content-Type: " + MjpegPart.CONTENT_TYPE + "\r\n"
                + "Cache-Control: no-cache, no-store, must-revalidate\r\n"
                + "Pragma: no-cache\r\n"
                + "Connection: close\r\n"
                + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }
}
