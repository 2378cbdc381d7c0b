package io.falconeye.operator.rest;

import java.util.regex.Pattern;

/** Checks of ids taken from the path: uids and names only, nothing path-like. */
public final class Ids {

    private static final Pattern UID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9-]{0,63}$");
    private static final Pattern NODE = Pattern.compile("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$");

    private Ids() {
    }

    public static boolean isUid(String value) {
        return value != null && UID.matcher(value).matches();
    }

    public static String requireUid(String field, String value) {
        if (!isUid(value)) {
            throw ProblemException.badField(field, "must be an id (letters, digits and '-', at most 64)");
        }
        return value;
    }

    public static String requireNodeName(String field, String value) {
        if (value == null || !NODE.matcher(value).matches()) {
            throw ProblemException.badField(field, "must be a node name (lower case letters, digits, '-' and '.')");
        }
        return value;
    }
}
