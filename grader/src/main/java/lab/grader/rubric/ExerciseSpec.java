package lab.grader.rubric;

import java.util.List;

/**
 * One exercise of the rubric.
 *
 * @param id the exercise id: its package under {@code lab.}, and what {@code -Dexercise} takes
 * @param checksClass the class holding its checks (one JUnit class per exercise)
 * @param lesson the lesson's path from the project root
 * @param verdictFigures the figures, in order, that fill the message {@code verdict.<id>.pass}
 * @param checkSeconds how long one check may run before the grading JVM gives up on it
 * @param checks the graded checks, in report order
 * @param cores how many cores the exercise's grading JVM must have to itself for its verdicts to
 *        hold, when batch grading runs several submissions at once; null ({@code "cores": "all"} in
 *        the rubric, or no {@code cores}): the whole machine, i.e. it is never graded beside another
 *        submission
 */
public record ExerciseSpec(String id, String checksClass, String lesson, List<String> verdictFigures,
        int checkSeconds, List<CheckSpec> checks,
        @com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = ExerciseSpec.Cores.class) Integer cores) {

    /** Reads the rubric's {@code "cores"}: a count, or {@code "all"} (the whole machine: null). */
    static final class Cores extends com.fasterxml.jackson.databind.JsonDeserializer<Integer> {
        @Override
        public Integer deserialize(com.fasterxml.jackson.core.JsonParser p,
                com.fasterxml.jackson.databind.DeserializationContext ctx) throws java.io.IOException {
            if (p.currentToken() == com.fasterxml.jackson.core.JsonToken.VALUE_STRING && p.getText().equals("all")) {
                return null;
            }
            int n = p.getValueAsInt(0);
            if (n < 1 || !p.currentToken().isNumeric()) {
                throw com.fasterxml.jackson.databind.exc.InvalidFormatException.from(p,
                        "\"cores\" is a count of at least 1 or \"all\"", p.getText(), Integer.class);
            }
            return n;
        }
    }

    public ExerciseSpec {
        verdictFigures = List.copyOf(verdictFigures);
        checks = List.copyOf(checks);
    }

    /** An exercise that needs the whole machine when graded beside other submissions. */
    public ExerciseSpec(String id, String checksClass, String lesson, List<String> verdictFigures, int checkSeconds,
            List<CheckSpec> checks) {
        this(id, checksClass, lesson, verdictFigures, checkSeconds, checks, null);
    }

    /** The cores {@code check}'s grading JVM must have to itself: its own {@code cores}, else the exercise's (null: all). */
    public Integer coresOf(CheckSpec check) {
        if (check.cores() == null) {
            return cores;
        }
        return cores == null ? check.cores() : Math.min(cores, check.cores());
    }

    /** The exercise's share of the kit's points. */
    public int maxPoints() {
        return checks.stream().mapToInt(CheckSpec::points).sum();
    }

    /** The same exercise with other checks (a subset, or with hidden checks added). */
    public ExerciseSpec withChecks(List<CheckSpec> otherChecks) {
        return new ExerciseSpec(id, checksClass, lesson, verdictFigures, checkSeconds, otherChecks, cores);
    }
}
