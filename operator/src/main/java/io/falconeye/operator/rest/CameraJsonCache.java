package io.falconeye.operator.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.falconeye.operator.api.Camera;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Each camera's JSON, rendered once per resourceVersion: a list of a thousand cameras is then a
 * concatenation of ready bytes instead of a thousand serialisations per request.
 */
@ApplicationScoped
public class CameraJsonCache {

    private record Entry(String resourceVersion, CameraView view, byte[] json) {
    }

    private static final byte[] HEAD = "{\"cameras\":[".getBytes(StandardCharsets.UTF_8);

    private final ObjectMapper mapper;
    private final Map<String, Entry> byUid = new ConcurrentHashMap<>();

    public CameraJsonCache(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** {"cameras":[...],"total":n} of the cameras (in the given order) that pass {@code filter}. */
    public byte[] list(List<Camera> cameras, Predicate<CameraView> filter) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024 + cameras.size() * 800);
        out.writeBytes(HEAD);
        int total = 0;
        Set<String> seen = new HashSet<>();
        for (Camera camera : cameras) {
            Entry entry = entry(camera);
            seen.add(camera.getMetadata().getUid());
            if (!filter.test(entry.view())) {
                continue;
            }
            if (total++ > 0) {
                out.write(',');
            }
            out.writeBytes(entry.json());
        }
        out.writeBytes(("],\"total\":" + total + "}").getBytes(StandardCharsets.UTF_8));
        if (byUid.size() > seen.size() + 64) {
            byUid.keySet().retainAll(seen); // deleted cameras
        }
        return out.toByteArray();
    }

    private Entry entry(Camera camera) {
        String uid = camera.getMetadata().getUid();
        String version = camera.getMetadata().getResourceVersion();
        Entry entry = byUid.get(uid);
        if (entry == null || !entry.resourceVersion().equals(version)) {
            CameraView view = CameraView.of(camera);
            try {
                entry = new Entry(version, view, mapper.writeValueAsBytes(view));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot render camera " + uid, e);
            }
            byUid.put(uid, entry);
        }
        return entry;
    }
}
