package io.falconeye.e2e.runner;

/**
 * A pod cannot be started yet (a Secret or ConfigMap it names is missing, ...): the kubelet's
 * CreateContainerConfigError. The runner reports the reason and retries.
 */
public final class PodSetupException extends RuntimeException {

    private final String reason;

    public PodSetupException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
