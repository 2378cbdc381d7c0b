package io.falconeye.media.onvif;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class UsernameTokenTest {

    @Test
    void digestIsBase64OfSha1OfNonceCreatedAndPassword() {
        // Known answer computed independently: base64(sha1(b"0123456789abcdef" + b"2026-01-01T00:00:00Z" + b"secret"))
        assertThat(UsernameToken.digest("0123456789abcdef".getBytes(StandardCharsets.US_ASCII),
                "2026-01-01T00:00:00Z", "secret")).isEqualTo("AHdjPQqhLugJUej2bfmGQqPj3Vo=");
    }

    @Test
    void freshTokensUseANewNonceAndNeverShowThePassword() {
        Instant now = Instant.parse("2026-11-25T14:00:00.123456Z");
        UsernameToken first = UsernameToken.create("admin", "s3cret", now);
        UsernameToken second = UsernameToken.create("admin", "s3cret", now);

        assertThat(first.created()).isEqualTo("2026-11-25T14:00:00.123Z");
        assertThat(Base64.getDecoder().decode(first.nonceBase64())).hasSize(16);
        assertThat(first.nonceBase64()).isNotEqualTo(second.nonceBase64());
        assertThat(first.passwordDigest()).isEqualTo(UsernameToken.digest(
                Base64.getDecoder().decode(first.nonceBase64()), first.created(), "s3cret"));
        assertThat(first.toString()).doesNotContain("s3cret").doesNotContain(first.passwordDigest());
    }
}
