package io.falconeye.operator.cache;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The namespaces the REST API lists and mirrors, from the operator's own namespace setting
 * ({@code quarkus.operator-sdk.namespaces}, unless {@code falcon-eye.api.watch-namespaces} overrides it),
 * read the way the Java Operator SDK reads it: {@link #ALL} or nothing means every namespace,
 * {@link #CURRENT} the client's namespace.
 */
public final class WatchedNamespaces {

    public static final String ALL = "JOSDK_ALL_NAMESPACES";
    public static final String CURRENT = "JOSDK_WATCH_CURRENT";

    private WatchedNamespaces() {
    }

    /** The namespaces to watch, or empty for every namespace. */
    public static Optional<Set<String>> of(List<String> configured, String current) {
        Set<String> names = new TreeSet<>();
        for (String value : configured == null ? List.<String>of() : configured) {
            String name = value.trim();
            if (name.equals(ALL)) {
                return Optional.empty();
            }
            if (!name.isEmpty()) {
                names.add(name.equals(CURRENT) ? current : name);
            }
        }
        return names.isEmpty() ? Optional.empty() : Optional.of(Set.copyOf(names));
    }
}
