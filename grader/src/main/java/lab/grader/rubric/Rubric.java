package lab.grader.rubric;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rubric: which exercises exist, their checks and points. It lives in one place,
 * {@code lab/grader/rubric.json}; every report is derived from it.
 *
 * <p>An instructor's copy of the kit may also hold hidden checks: {@code lab/grader/hidden/rubric.json}
 * (from {@code grader/src/hidden/resources}, which the student edition does not contain) adds checks,
 * each marked {@code "hidden": true}, to exercises of the rubric. They are loaded only when present.
 *
 * @param exercises the exercises in teaching order
 */
public record Rubric(List<ExerciseSpec> exercises) {
    private static final String RESOURCE = "/lab/grader/rubric.json";
    /** The instructor's hidden checks, when this copy of the kit has them. */
    public static final String HIDDEN_RESOURCE = "/lab/grader/hidden/rubric.json";

    public Rubric {
        exercises = List.copyOf(exercises);
    }

    /** The rubric once read: it is immutable, and its resources do not change while a JVM runs. */
    private static volatile Rubric loaded;

    /**
     * The rubric shipped with the grader, with the hidden checks when this copy has them. Read once per
     * JVM: the grader asks for it in many places (once per class path entry when it sorts out the
     * grader's class path): reading it once took that step from about 310 to 195 ms.
     */
    public static Rubric load() {
        Rubric r = loaded;
        if (r == null) {
            r = read();
            loaded = r; // two threads may both read it at first: the same rubric either way
        }
        return r;
    }

    private static Rubric read() {
        Rubric visible;
        try (InputStream in = Rubric.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            visible = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                    .readValue(in, Rubric.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the rubric " + RESOURCE, e);
        }
        try (InputStream in = Rubric.class.getResourceAsStream(HIDDEN_RESOURCE)) {
            return in == null ? visible : visible.withHidden(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the hidden rubric " + HIDDEN_RESOURCE, e);
        }
    }

    /**
     * This rubric plus a hidden supplement: {@code {"exercises": [{"id": ..., "checks": [{"id", "points",
     * "hidden": true, "checksClass"}]}]}}. Its checks are appended to the exercises they name.
     *
     * @throws IllegalStateException when the supplement names an unknown exercise, repeats a check id,
     *         or has a check not marked hidden or without its class
     */
    public Rubric withHidden(JsonNode supplement) {
        java.util.Map<String, List<CheckSpec>> added = new java.util.LinkedHashMap<>();
        for (JsonNode exercise : supplement.path("exercises")) {
            String id = exercise.path("id").asText();
            if (!ids().contains(id)) {
                throw new IllegalStateException(HIDDEN_RESOURCE + ": unknown exercise " + id);
            }
            for (JsonNode check : exercise.path("checks")) {
                String checkId = check.path("id").asText();
                if (!check.path("hidden").asBoolean(false) || check.path("checksClass").asText().isBlank()
                        || checkId.isBlank() || !check.path("points").canConvertToInt()) {
                    throw new IllegalStateException(HIDDEN_RESOURCE + ": check " + id + "." + checkId
                            + " needs an id, points, \"hidden\": true and its checksClass");
                }
                added.computeIfAbsent(id, k -> new ArrayList<>())
                        .add(new CheckSpec(checkId, check.path("points").asInt(), true, check.path("checksClass").asText(), null,
                                check.path("cores").canConvertToInt() && check.path("cores").asInt() >= 1 ? check.path("cores").asInt() : null));
            }
        }
        List<ExerciseSpec> merged = new ArrayList<>();
        for (ExerciseSpec e : exercises) {
            List<CheckSpec> checks = new ArrayList<>(e.checks());
            for (CheckSpec extra : added.getOrDefault(e.id(), List.of())) {
                if (checks.stream().anyMatch(c -> c.id().equals(extra.id()))) {
                    throw new IllegalStateException(HIDDEN_RESOURCE + ": check id " + e.id() + "." + extra.id() + " is used twice");
                }
                checks.add(extra);
            }
            merged.add(e.withChecks(checks));
        }
        return new Rubric(merged);
    }

    /** True when this rubric has hidden checks (an instructor's copy of the kit). */
    public boolean hasHidden() {
        return exercises.stream().anyMatch(e -> e.checks().stream().anyMatch(CheckSpec::hidden));
    }

    /** Every exercise id, in teaching order. */
    public List<String> ids() {
        return exercises.stream().map(ExerciseSpec::id).collect(Collectors.toList());
    }

    /** The kit's total points. */
    public int maxPoints() {
        return exercises.stream().mapToInt(ExerciseSpec::maxPoints).sum();
    }

    /**
     * The exercises a comma list names (blank: all), in teaching order.
     *
     * @throws IllegalArgumentException naming the unknown ids and listing the valid ones
     */
    public List<ExerciseSpec> select(String commaList) {
        if (commaList == null || commaList.isBlank()) {
            return exercises;
        }
        Set<String> wanted = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String raw : commaList.split(",")) {
            String id = raw.trim();
            if (id.isEmpty()) {
                continue;
            }
            if (ids().contains(id)) {
                wanted.add(id);
            } else {
                unknown.add(id);
            }
        }
        if (!unknown.isEmpty() || wanted.isEmpty()) {
            throw new IllegalArgumentException(lab.grader.i18n.Messages.get("cli.unknown-exercise",
                    unknown.isEmpty() ? commaList : String.join(", ", unknown), String.join(", ", ids())));
        }
        return exercises.stream().filter(e -> wanted.contains(e.id())).collect(Collectors.toList());
    }
}
