package io.falconeye.e2e.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class ServiceProxiesTest {

    private static final BiFunction<String, String, String> ADDRESS = (namespace, service) -> "<" + namespace + "/" + service + ">";

    @Test
    void aServiceDnsNameBecomesTheServicesAddressWithItsPortAndPathKept() {
        assertThat(ServiceProxies.rewrite("http://svc-front.cams.svc:8081/stream", ADDRESS))
                .isEqualTo("http://<cams/svc-front>:8081/stream");
        assertThat(ServiceProxies.rewrite("http://svc-front.cams.svc.cluster.local:8081/stream", ADDRESS))
                .isEqualTo("http://<cams/svc-front>:8081/stream");
        assertThat(ServiceProxies.rewrite("a.ns.svc b.ns.svc", ADDRESS)).isEqualTo("<ns/a> <ns/b>");
    }

    @Test
    void otherNamesAreLeftAlone() {
        for (String text : new String[] {"http://svc-front:8081/stream", "http://front.cams:8081", "rtsp://10.0.0.1/h264",
                "http://a.b.svc.example.com/x", "http://x.a.b.svc/x", "/dev/video0", "svc"}) {
            assertThat(ServiceProxies.rewrite(text, ADDRESS)).as(text).isEqualTo(text);
        }
    }
}
