package lab.grader.rubric;

import com.fasterxml.jackson.databind.DeserializationFeature;
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
 * @param exercises the exercises in teaching order
 */
public record Rubric(List<ExerciseSpec> exercises) {
    private static final String RESOURCE = "/lab/grader/rubric.json";

    public Rubric {
        exercises = List.copyOf(exercises);
    }

    /** Loads the rubric shipped with the grader. */
    public static Rubric load() {
        try (InputStream in = Rubric.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                    .readValue(in, Rubric.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the rubric " + RESOURCE, e);
        }
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
