package io.falconeye.operator.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.falconeye.operator.api.Camera;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pod template annotations: a change of the camera's restart annotation rolls its pods, and every
 * template carries a hash of itself, so that a pod tells which template it was made from.
 */
final class PodTemplates {

    /**
     * The hash of the pod template a pod was made from. The Deployment controller's own
     * pod-template-hash label names a ReplicaSet, which the operator does not watch; this one can be
     * compared with the Deployment's template directly.
     */
    static final String HASH_ANNOTATION = "falcon-eye.io/pod-template-hash";

    /**
     * Map entries sorted by key: builders fill labels, env sources and resource lists from
     * {@code Map.of}, whose iteration order changes from one JVM to the next, and a hash that
     * changed with it would roll every camera's pods at each operator restart.
     */
    private static final KubernetesSerialization CANONICAL_JSON = new KubernetesSerialization(
            new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS), true);

    private PodTemplates() {
    }

    static Map<String, String> annotations(Camera camera) {
        Map<String, String> annotations = new TreeMap<>();
        Map<String, String> own = camera.getMetadata().getAnnotations();
        if (own != null && own.containsKey(Camera.RESTARTED_AT_ANNOTATION)) {
            annotations.put(Camera.RESTARTED_AT_ANNOTATION, own.get(Camera.RESTARTED_AT_ANNOTATION));
        }
        return annotations;
    }

    /**
     * Adds {@link #HASH_ANNOTATION}: the first 16 hex digits of the SHA-256 of the template's
     * canonical JSON (the builders are deterministic, so the same inputs give the same hash, in any
     * operator process, and nothing rolls needlessly).
     */
    static PodTemplateSpec withHash(PodTemplateSpec template) {
        byte[] json = CANONICAL_JSON.asJson(template).getBytes(StandardCharsets.UTF_8);
        String hash;
        try {
            hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        Map<String, String> annotations = new TreeMap<>();
        if (template.getMetadata().getAnnotations() != null) {
            annotations.putAll(template.getMetadata().getAnnotations());
        }
        annotations.put(HASH_ANNOTATION, hash);
        template.getMetadata().setAnnotations(annotations);
        return template;
    }

    /** The template hash in a pod's or a pod template's metadata; null where there is none. */
    static String hash(ObjectMeta metadata) {
        return metadata == null || metadata.getAnnotations() == null ? null : metadata.getAnnotations().get(HASH_ANNOTATION);
    }
}
