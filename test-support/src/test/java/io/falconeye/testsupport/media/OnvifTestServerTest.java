package io.falconeye.testsupport.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ONVIF test camera's own checks of the WS-Security UsernameToken, with hand-made requests. */
class OnvifTestServerTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private OnvifTestServer camera;

    @BeforeEach
    void start() {
        camera = OnvifTestServer.builder().credentials("admin", "s3cret")
                .profile("main", "Main", "rtsp://127.0.0.1:8554/main?a=1&b=2").start();
    }

    @AfterEach
    void stop() {
        camera.close();
    }

    @Test
    void answersAValidDigestWithTheProfiles() throws Exception {
        HttpResponse<String> response = getProfiles(token("admin", "s3cret", "nonce-1", Instant.now()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<trt:Profiles token=\"main\"").contains("<tt:Name>Main</tt:Name>");
    }

    @Test
    void rejectsAWrongPasswordWithANotAuthorizedFault() throws Exception {
        HttpResponse<String> response = getProfiles(token("admin", "guess", "nonce-2", Instant.now()));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("ter:NotAuthorized");
        assertThat(camera.rejectedRequests()).isEqualTo(1);
    }

    @Test
    void rejectsAReplayedNonceAndAStaleCreatedTime() throws Exception {
        String header = token("admin", "s3cret", "nonce-3", Instant.now());
        assertThat(getProfiles(header).statusCode()).isEqualTo(200);
        assertThat(getProfiles(header).statusCode()).isEqualTo(400);

        String stale = token("admin", "s3cret", "nonce-4", Instant.now().minus(Duration.ofMinutes(30)));
        assertThat(getProfiles(stale).statusCode()).isEqualTo(400);
    }

    @Test
    void rejectsAnonymousCallsButTellsTheTime() throws Exception {
        assertThat(getProfiles("").statusCode()).isEqualTo(400);

        HttpResponse<String> time = post("/onvif/device_service",
                envelope("", "<tds:GetSystemDateAndTime xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\"/>"));
        assertThat(time.statusCode()).isEqualTo(200);
        assertThat(time.body()).contains("<tt:UTCDateTime>");
    }

    private HttpResponse<String> getProfiles(String securityHeader) throws Exception {
        return post("/onvif/media_service",
                envelope(securityHeader, "<trt:GetProfiles xmlns:trt=\"http://www.onvif.org/ver10/media/wsdl\"/>"));
    }

    private HttpResponse<String> post(String path, String envelope) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + camera.port() + path))
                        .header("Content-Type", "application/soap+xml; charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofString(envelope)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String envelope(String header, String body) {
        return "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Header>" + header
                + "</s:Header><s:Body>" + body + "</s:Body></s:Envelope>";
    }

    private static String token(String username, String password, String nonce, Instant created) throws Exception {
        String createdText = created.toString();
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        sha1.update(nonce.getBytes(StandardCharsets.UTF_8));
        sha1.update(createdText.getBytes(StandardCharsets.UTF_8));
        sha1.update(password.getBytes(StandardCharsets.UTF_8));
        String digest = Base64.getEncoder().encodeToString(sha1.digest());
        return "<wsse:Security xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd\""
                + " xmlns:wsu=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd\">"
                + "<wsse:UsernameToken><wsse:Username>" + username + "</wsse:Username>"
                + "<wsse:Password Type=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest\">"
                + digest + "</wsse:Password><wsse:Nonce>"
                + Base64.getEncoder().encodeToString(nonce.getBytes(StandardCharsets.UTF_8))
                + "</wsse:Nonce><wsu:Created>" + createdText + "</wsu:Created></wsse:UsernameToken></wsse:Security>";
    }
}
