package io.falconeye.e2e.runner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runner's stand-in for a container's mount namespace: a path under a volume's mountPath
 * (as the pod's env, args and config files name it) becomes the folder the volume is mapped to.
 */
public final class PathRewriter {

    /** mountPath -> host folder, longest mountPath first so nested mounts win. */
    private final Map<String, Path> mounts;

    public PathRewriter(Map<String, Path> mounts) {
        List<Map.Entry<String, Path>> sorted = new ArrayList<>(mounts.entrySet());
        sorted.sort(Comparator.comparingInt((Map.Entry<String, Path> e) -> e.getKey().length()).reversed());
        Map<String, Path> ordered = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : sorted) {
            ordered.put(trimSlash(e.getKey()), e.getValue());
        }
        this.mounts = ordered;
    }

    public Map<String, Path> mounts() {
        return mounts;
    }

    /** A value that is a mountPath or starts with one followed by '/' is rewritten; others are kept. */
    public String rewrite(String value) {
        if (value == null) {
            return null;
        }
        for (Map.Entry<String, Path> mount : mounts.entrySet()) {
            String prefix = mount.getKey();
            if (value.equals(prefix)) {
                return mount.getValue().toString();
            }
            if (value.startsWith(prefix + "/")) {
                return mount.getValue() + value.substring(prefix.length());
            }
        }
        return value;
    }

    /**
     * Rewrites every mount path inside a text (a config file): occurrences that start at a word
     * boundary and end at '/', a quote, ';', whitespace or the end.
     */
    public String rewriteText(String text) {
        String result = text;
        for (Map.Entry<String, Path> mount : mounts.entrySet()) {
            Pattern pattern = Pattern.compile("(?<![\\w./-])" + Pattern.quote(mount.getKey()) + "(?=[/\"';\\s]|$)");
            result = pattern.matcher(result).replaceAll(Matcher.quoteReplacement(mount.getValue().toString()));
        }
        return result;
    }

    private static String trimSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
