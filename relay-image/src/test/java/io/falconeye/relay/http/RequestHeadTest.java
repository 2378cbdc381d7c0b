package io.falconeye.relay.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The relay's request-line parser, on what clients send and what they must not. */
class RequestHeadTest {

    @Test
    void aCompleteHeadGivesMethodAndPathWithoutQuery() throws Exception {
        assertThat(parse("GET /stream?t=1 HTTP/1.1\r\nHost: relay\r\nUser-Agent: x\r\n\r\n"))
                .isEqualTo(new RequestHead("GET", "/stream"));
        assertThat(parse("HEAD / HTTP/1.0\n\n")).isEqualTo(new RequestHead("HEAD", "/"));
        assertThat(parse("GET http://relay:8081/snapshot.jpg HTTP/1.1\r\n\r\n"))
                .isEqualTo(new RequestHead("GET", "/snapshot.jpg"));
    }

    @Test
    void anIncompleteHeadWaitsForMoreBytes() throws Exception {
        byte[] head = "GET /health HTTP/1.1\r\nHost: relay\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(RequestHead.parse(Arrays.copyOf(head, 64), head.length)).isEmpty();
    }

    @Test
    void malformedOrOversizedRequestsAreRejected() {
        assertThatThrownBy(() -> parse("GET /stream\r\n\r\n")).isInstanceOf(RequestHead.BadRequestException.class);
        assertThatThrownBy(() -> parse("PRI * HTTP/2.0\r\n\r\n")).isInstanceOf(RequestHead.BadRequestException.class);
        assertThatThrownBy(() -> parse("GET stream HTTP/1.1\r\n\r\n")).isInstanceOf(RequestHead.BadRequestException.class);
        byte[] endless = new byte[RequestHead.MAX_BYTES];
        Arrays.fill(endless, (byte) 'a');
        assertThatThrownBy(() -> RequestHead.parse(endless, endless.length))
                .isInstanceOf(RequestHead.BadRequestException.class).hasMessageContaining("longer than");
    }

    private static RequestHead parse(String head) throws Exception {
        byte[] bytes = head.getBytes(StandardCharsets.US_ASCII);
        return RequestHead.parse(bytes, bytes.length).orElseThrow();
    }
}
