package io.falconeye.operator.reconcile;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** A short, secret-free message for a status condition; the stack trace stays in the operator log. */
final class ErrorMessages {

    private ErrorMessages() {
    }

    static String of(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof KubernetesClientException) {
                break;
            }
            root = root.getCause();
        }
        if (root instanceof KubernetesClientException kce && kce.getStatus() != null
                && kce.getStatus().getMessage() != null) {
            return truncate(kce.getStatus().getMessage());
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return truncate(message);
    }

    private static String truncate(String message) {
        return message.length() > 500 ? message.substring(0, 500) + "..." : message;
    }
}
