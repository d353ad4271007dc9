package lab.grader.selftest;

/**
 * The tag of the self-test classes that may run two at a time ({@code -Pselftest} runs them in a
 * second Surefire execution with two JVMs): none of their verdicts rests on timing or on having every
 * core (they grade correct code of counter, threads and async, hostile code, packaging and batch
 * plumbing, prove hangs with a proof that waits for a woken thread for a whole second, render pages
 * from fixtures, read the rubric and the message bundles). The canaries of the timing and race checks,
 * and the self-grading of the whole kit (with its report pages in a browser), keep the machine to
 * themselves in the first execution.
 */
public final class SideBySide {
    /** The JUnit tag. */
    public static final String TAG = "side-by-side";

    private SideBySide() {
    }
}
