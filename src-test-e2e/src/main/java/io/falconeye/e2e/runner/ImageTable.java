package io.falconeye.e2e.runner;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The images the runner runs as local processes (everything else stays with kwok). An entry's
 * repository matches an image with or without a registry or organisation in front and with any tag
 * or digest: {@code falcon-eye/relay} matches {@code ghcr.io/falcon-eye/relay:0.1.0}.
 */
public final class ImageTable {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)}");

    private final List<ImageEntry> entries;

    public ImageTable(List<ImageEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Reads a table file; {@code ${NAME}} in commands is replaced from {@code variables} (e.g. REPO). */
    public static ImageTable load(Path file, Map<String, String> variables) {
        try {
            TableFile table = new ObjectMapper(new YAMLFactory()).readValue(Files.readString(file), TableFile.class);
            List<ImageEntry> entries = new ArrayList<>();
            for (ImageEntry raw : table.images == null ? List.<ImageEntry>of() : table.images) {
                entries.add(new ImageEntry(raw.repository(), expand(raw.entrypoint(), variables, file),
                        expand(raw.cmd(), variables, file), raw.emulate()));
            }
            return new ImageTable(entries);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the image table " + file + ": " + e.getMessage(), e);
        }
    }

    public ImageTable plus(ImageTable other) {
        List<ImageEntry> all = new ArrayList<>(entries);
        all.addAll(other.entries);
        return new ImageTable(all);
    }

    public List<ImageEntry> entries() {
        return entries;
    }

    public Optional<ImageEntry> find(String image) {
        if (image == null) {
            return Optional.empty();
        }
        String repository = repositoryOf(image);
        return entries.stream()
                .filter(e -> repository.equals(e.repository()) || repository.endsWith("/" + e.repository()))
                .findFirst();
    }

    /** The image name without tag or digest: {@code host:5000/a/b:1.0@sha256:..} -> {@code host:5000/a/b}. */
    static String repositoryOf(String image) {
        String name = image;
        int at = name.indexOf('@');
        if (at >= 0) {
            name = name.substring(0, at);
        }
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/')) {
            name = name.substring(0, colon);
        }
        return name;
    }

    private static List<String> expand(List<String> words, Map<String, String> variables, Path file) {
        List<String> result = new ArrayList<>();
        for (String word : words) {
            Matcher m = VARIABLE.matcher(word);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String value = variables.get(m.group(1));
                if (value == null) {
                    throw new IllegalArgumentException(file + ": unknown variable ${" + m.group(1) + "}");
                }
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            result.add(out.toString());
        }
        return result;
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    static final class TableFile {
        public List<ImageEntry> images;
    }
}
