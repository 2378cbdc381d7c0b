package io.falconeye.operator.cluster;

import java.net.URI;

/** One ready backend of a Service: the pod's IP and port, and where the pod runs. */
public record ServiceEndpoint(String ip, int port, String podName, String nodeName) {

    public URI baseUri() {
        String host = ip.contains(":") ? "[" + ip + "]" : ip;
        return URI.create("http://" + host + ":" + port);
    }
}
