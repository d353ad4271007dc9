package lab.grader.run;

/**
 * What one check did, as the runner recorded it.
 *
 * @param id the check (test method) name
 * @param passed true only when the grading JVM reported a pass for it
 * @param key the bundle key of the failure's kind (null on a pass)
 * @param message what went wrong, in the student's words (null on a pass)
 * @param output what the code under test printed during the check (capped)
 * @param millis how long it ran
 */
public record CheckResult(String id, boolean passed, String key, String message, String output, long millis) {

    /** A check that never reported: it counts as failed, with the reason. */
    public static CheckResult notRun(String id, String key, String message) {
        return new CheckResult(id, false, key, message, "", 0);
    }
}
