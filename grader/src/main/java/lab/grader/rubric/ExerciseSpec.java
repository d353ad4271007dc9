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
 */
public record ExerciseSpec(String id, String checksClass, String lesson, List<String> verdictFigures,
        int checkSeconds, List<CheckSpec> checks) {

    public ExerciseSpec {
        verdictFigures = List.copyOf(verdictFigures);
        checks = List.copyOf(checks);
    }

    /** The exercise's share of the kit's points. */
    public int maxPoints() {
        return checks.stream().mapToInt(CheckSpec::points).sum();
    }
}
