package io.falconeye.operator.model;

import io.fabric8.kubernetes.api.model.Service;

/**
 * Why the cameras' Services are headless (type ClusterIP, clusterIP None): nothing uses a
 * virtual IP. The REST API and the recording control reach relays and recorders through the
 * Service's EndpointSlices, and a usb camera's recorder resolves svc-{name} by DNS, which for a
 * headless Service answers the ready pod's address. Allocating a virtual IP, on the other hand, is
 * the slowest step of creating a camera: the API server hands them out one at a time, so with a
 * burst of cameras Service creation queued for seconds each (see the operator README's benchmark).
 */
public final class CameraWorkloadServices {

    public static final String HEADLESS = "None";

    private CameraWorkloadServices() {
    }

    public static boolean isHeadless(Service service) {
        return service.getSpec() != null && HEADLESS.equals(service.getSpec().getClusterIP());
    }
}
