package io.falconeye.operator.rest;

import io.falconeye.operator.cluster.ServiceEndpoint;
import io.falconeye.operator.cluster.ServiceEndpoints;
import io.falconeye.operator.config.ApiConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** The per-node recording file servers (a DaemonSet behind one Service), the given node's first. */
@ApplicationScoped
public class FileServers {

    private final ServiceEndpoints endpoints;
    private final ApiConfig api;

    public FileServers(ServiceEndpoints endpoints, ApiConfig api) {
        this.endpoints = endpoints;
        this.api = api;
    }

    public List<ServiceEndpoint> nodeFirst(String nodeName) {
        List<ServiceEndpoint> all = new ArrayList<>(endpoints.ready(api.namespace(), api.fileServerService(), "http",
                api.fileServerPort()));
        all.sort(Comparator.comparing((ServiceEndpoint e) -> !Objects.equals(e.nodeName(), nodeName)));
        return all;
    }
}
