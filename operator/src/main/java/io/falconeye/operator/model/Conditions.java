package io.falconeye.operator.model;

import io.falconeye.operator.api.Condition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Kubernetes-style conditions; lastTransitionTime moves only when a condition's status changes. */
public final class Conditions {

    public static final String TRUE = "True";
    public static final String FALSE = "False";

    private Conditions() {
    }

    /**
     * The list with {@code type} set to the given state. The previous lastTransitionTime is kept
     * when the status is unchanged, so an unchanged condition compares equal and no status write follows.
     */
    public static List<Condition> with(List<Condition> previous, String type, boolean status, String reason,
            String message, Long generation, Instant now) {
        List<Condition> result = new ArrayList<>();
        String statusText = status ? TRUE : FALSE;
        Optional<Condition> old = find(previous, type);
        String transition = old.filter(c -> statusText.equals(c.getStatus()))
                .map(Condition::getLastTransitionTime)
                .orElse(now.truncatedTo(ChronoUnit.SECONDS).toString());
        Condition updated = new Condition(type, statusText, reason, message == null ? "" : message, transition,
                generation);
        boolean replaced = false;
        for (Condition c : previous == null ? List.<Condition>of() : previous) {
            if (type.equals(c.getType())) {
                result.add(updated);
                replaced = true;
            } else {
                result.add(c);
            }
        }
        if (!replaced) {
            result.add(updated);
        }
        return result;
    }

    public static Optional<Condition> find(List<Condition> conditions, String type) {
        return conditions == null ? Optional.empty()
                : conditions.stream().filter(c -> Objects.equals(type, c.getType())).findFirst();
    }

    public static boolean isTrue(List<Condition> conditions, String type) {
        return find(conditions, type).map(c -> TRUE.equals(c.getStatus())).orElse(false);
    }
}
