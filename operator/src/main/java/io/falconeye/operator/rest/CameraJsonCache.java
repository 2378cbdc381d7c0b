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
import java.util.function.UnaryOperator;
import java.util.function.Predicate;

/**
 * Each camera's JSON, rendered once per resourceVersion (and again when the default resolution or
 * framerate it shows changes): a list of a thousand cameras is then a
 * concatenation of ready bytes instead of a thousand serialisations per request. The unfiltered
 * list (what the dashboard polls) is kept whole while no camera changes.
 */
@ApplicationScoped
public class CameraJsonCache {

    private record Entry(String resourceVersion, CameraView.Defaults defaults, CameraView view, byte[] json) {
    }

    private record Whole(long fingerprint, byte[] json) {
    }

    private static final byte[] HEAD = "{\"cameras\":[".getBytes(StandardCharsets.UTF_8);

    private final ObjectMapper mapper;
    private final Map<String, Entry> byUid = new ConcurrentHashMap<>();
    private volatile Whole whole;

    public CameraJsonCache(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Every camera of {@code cameras}, in the order {@code sort} gives. Rebuilt only when the set of
     * (uid, resourceVersion) pairs changed, which is checked on the cameras themselves (a pass over
     * the references, no sorting, no copying of JSON), so it is never stale.
     */
    public byte[] all(List<Camera> cameras, CameraView.Defaults defaults, UnaryOperator<List<Camera>> sort) {
        long fingerprint = fingerprint(cameras) * 31 + defaults.hashCode();
        Whole current = whole;
        if (current != null && current.fingerprint() == fingerprint) {
            return current.json();
        }
        byte[] json = list(sort.apply(cameras), defaults, view -> true);
        whole = new Whole(fingerprint, json);
        return json;
    }

    /** Order-independent: the count plus a 64-bit mix of each (uid, resourceVersion). */
    static long fingerprint(List<Camera> cameras) {
        long sum = cameras.size();
        for (Camera camera : cameras) {
            long uid = camera.getMetadata().getUid().hashCode();
            long version = String.valueOf(camera.getMetadata().getResourceVersion()).hashCode();
            sum += mix((uid << 32) ^ (version & 0xffffffffL));
        }
        return sum;
    }

    /** SplitMix64's finaliser: spreads every input bit over the whole result. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** {"cameras":[...],"total":n} of the cameras (in the given order) that pass {@code filter}. */
    public byte[] list(List<Camera> cameras, CameraView.Defaults defaults, Predicate<CameraView> filter) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024 + cameras.size() * 800);
        out.writeBytes(HEAD);
        int total = 0;
        Set<String> seen = new HashSet<>();
        for (Camera camera : cameras) {
            Entry entry = entry(camera, defaults);
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

    private Entry entry(Camera camera, CameraView.Defaults defaults) {
        String uid = camera.getMetadata().getUid();
        String version = camera.getMetadata().getResourceVersion();
        Entry entry = byUid.get(uid);
        if (entry == null || !entry.resourceVersion().equals(version) || !entry.defaults().equals(defaults)) {
            CameraView view = CameraView.of(camera, defaults);
            try {
                entry = new Entry(version, defaults, view, mapper.writeValueAsBytes(view));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot render camera " + uid, e);
            }
            byUid.put(uid, entry);
        }
        return entry;
    }
}
