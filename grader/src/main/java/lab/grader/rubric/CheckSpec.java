package lab.grader.rubric;

/**
 * One graded check: a test method of the exercise's checks class, and its points.
 *
 * @param id the test method's name in the checks class
 * @param points what the check is worth
 * @param hidden true for an instructor's hidden check (from the hidden rubric supplement): it runs
 *        only in instructor grading and results.json marks it {@code "visibility": "hidden"}
 * @param checksClass the class holding this check when it is not the exercise's checks class (hidden
 *        checks live in classes of their own), or null
 * @param spotbugs SpotBugs findings that fail this check too, whatever its run showed, or null: only
 *        where the detector is exact for the exercise (see {@link SpotBugsGate})
 */
public record CheckSpec(String id, int points, boolean hidden, String checksClass, SpotBugsGate spotbugs) {

    /** A visible check of the exercise's own checks class. */
    public CheckSpec(String id, int points) {
        this(id, points, false, null, null);
    }

    /** A check that no SpotBugs finding fails. */
    public CheckSpec(String id, int points, boolean hidden, String checksClass) {
        this(id, points, hidden, checksClass, null);
    }

    /** The class that holds this check, given the exercise's checks class. */
    public String classIn(ExerciseSpec exercise) {
        return checksClass == null || checksClass.isBlank() ? exercise.checksClass() : checksClass;
    }
}
