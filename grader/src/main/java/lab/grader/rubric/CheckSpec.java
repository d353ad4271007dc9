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
 * @param cores how many cores this check's grading JVM must have to itself for its verdict to hold,
 *        when that is fewer than its exercise's {@link ExerciseSpec#cores()}; null: the exercise's. A
 *        check whose verdict rests on neither timing nor free cores (Lincheck's model checking, a
 *        bytecode scan, an argument check, a barrier or a latch) says {@code "cores": 1}, and is graded
 *        in a JVM of its own beside other such work while the machine's other core is busy
 */
public record CheckSpec(String id, int points, boolean hidden, String checksClass, SpotBugsGate spotbugs,
        @com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = ExerciseSpec.Cores.class) Integer cores) {

    /** A visible check of the exercise's own checks class. */
    public CheckSpec(String id, int points) {
        this(id, points, false, null, null, null);
    }

    /** A check that no SpotBugs finding fails. */
    public CheckSpec(String id, int points, boolean hidden, String checksClass) {
        this(id, points, hidden, checksClass, null, null);
    }

    /** A check that needs its exercise's cores. */
    public CheckSpec(String id, int points, boolean hidden, String checksClass, SpotBugsGate spotbugs) {
        this(id, points, hidden, checksClass, spotbugs, null);
    }

    /** The class that holds this check, given the exercise's checks class. */
    public String classIn(ExerciseSpec exercise) {
        return checksClass == null || checksClass.isBlank() ? exercise.checksClass() : checksClass;
    }
}
