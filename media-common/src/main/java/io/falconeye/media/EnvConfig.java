package io.falconeye.media;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Typed reads of environment variables with errors that name the variable.
 *
 * <p>Values of variables whose names look secret (PASSWORD, SECRET, TOKEN, KEY) never appear in
 * error messages. Blank values count as unset.
 */
public final class EnvConfig {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");
    private final Map<String, String> env;

    private EnvConfig(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** The process environment. */
    public static EnvConfig fromSystem() {
        return new EnvConfig(System.getenv());
    }

    public static EnvConfig of(Map<String, String> env) {
        return new EnvConfig(env);
    }

    /** The trimmed value, or empty when unset or blank. */
    public Optional<String> optional(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public String string(String name, String defaultValue) {
        return optional(name).orElse(defaultValue);
    }

    public String required(String name) {
        return optional(name).orElseThrow(() -> new ConfigException(name, name + " is required but not set"));
    }

    /** An integer in {@code [min, max]}, or {@code defaultValue} when unset. */
    public int integer(String name, int defaultValue, int min, int max) {
        return optional(name).map(value -> parseInt(name, value, min, max)).orElse(defaultValue);
    }

    public int requiredInteger(String name, int min, int max) {
        return parseInt(name, required(name), min, max);
    }

    /** true/false, yes/no, 1/0 (any case), or {@code defaultValue} when unset. */
    public boolean bool(String name, boolean defaultValue) {
        return optional(name).map(value -> switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw malformed(name, value, "true or false");
        }).orElse(defaultValue);
    }

    /**
     * A duration such as {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}, ISO-8601
     * {@code PT10S}, or a bare number of seconds; {@code defaultValue} when unset.
     */
    public Duration duration(String name, Duration defaultValue) {
        return optional(name).map(value -> parseDuration(name, value)).orElse(defaultValue);
    }

    /** An enum constant by name, case-insensitive, '-' read as '_'; {@code defaultValue} when unset. */
    public <E extends Enum<E>> E enumValue(String name, Class<E> type, E defaultValue) {
        return optional(name).map(value -> parseEnum(name, value, type)).orElse(defaultValue);
    }

    public <E extends Enum<E>> E requiredEnum(String name, Class<E> type) {
        return parseEnum(name, required(name), type);
    }

    private <E extends Enum<E>> E parseEnum(String name, String value, Class<E> type) {
        String wanted = value.replace('-', '_').toUpperCase(Locale.ROOT);
        return Arrays.stream(type.getEnumConstants())
                .filter(constant -> constant.name().equals(wanted))
                .findFirst()
                .orElseThrow(() -> malformed(name, value, "one of " + Arrays.stream(type.getEnumConstants())
                        .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))));
    }

    private static int parseInt(String name, String value, int min, int max) {
        int parsed;
        try {
            parsed = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw malformed(name, value, "an integer in " + min + ".." + max);
        }
        if (parsed < min || parsed > max) {
            throw malformed(name, value, "an integer in " + min + ".." + max);
        }
        return parsed;
    }

    private static Duration parseDuration(String name, String value) {
        if (value.toUpperCase(Locale.ROOT).startsWith("PT")) {
            try {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw malformed(name, value, "a duration like 10s, 500ms, 5m or PT10S");
            }
        }
        Matcher matcher = DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw malformed(name, value, "a duration like 10s, 500ms, 5m or PT10S");
        }
        long amount;
        try {
            amount = Long.parseLong(matcher.group(1));
        } catch (NumberFormatException e) {
            throw malformed(name, value, "a duration like 10s, 500ms, 5m or PT10S");
        }
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    private static ConfigException malformed(String name, String value, String expected) {
        String shown = isSecretName(name) ? "(value hidden)" : "'" + value + "'";
        return new ConfigException(name, name + " must be " + expected + ", got " + shown);
    }

    static boolean isSecretName(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return upper.contains("PASSWORD") || upper.contains("SECRET") || upper.contains("TOKEN")
                || upper.contains("KEY");
    }
}
