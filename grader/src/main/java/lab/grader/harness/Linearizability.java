package lab.grader.harness;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;

/**
 * Lincheck model checking with a budget small enough for a student to rerun often.
 *
 * <p>Model checking explores thread interleavings deterministically (the same code gets the same
 * verdict) and, when results are impossible for any one-at-a-time order, prints the interleaving
 * that produced them. The design's probe found 20 x 1,000 invocations catch {@code value++} at once
 * in a few seconds, where Lincheck's default budget takes a minute or more.
 */
public final class Linearizability {
    private static final int MAX_TRACE_LINES = 60;

    private Linearizability() {
    }

    /**
     * Model-checks {@code testClass} (public, no-arg constructor, {@code @Operation} methods).
     *
     * @param what the class under test, for the message
     */
    public static void modelCheck(Class<?> testClass, String what, int iterations, int invocations) {
        try {
            new ModelCheckingOptions()
                    .iterations(iterations)
                    .invocationsPerIteration(invocations)
                    .threads(2)
                    .actorsPerThread(3)
                    .check(testClass);
        } catch (LincheckAssertionError e) {
            LincheckTable.record(e.getMessage(), testClass);
            throw CheckFailure.because(e, kind(e.getMessage()), what, trim(e.getMessage()));
        }
    }

    /**
     * What Lincheck found, as a message key: a hang (a deadlock, or a livelock: some call never
     * finishes), an exception thrown by the code, or results no one-at-a-time order explains. Only
     * the last is "not linearizable"; a hang must not be introduced as wrong results.
     */
    static String kind(String report) {
        String r = report == null ? "" : report;
        if (r.contains("The execution has hung")) {
            return "lincheck.hung";
        }
        if (r.contains("Invalid execution results") || r.contains("Invalid results")) {
            return "lincheck.not-linearizable";
        }
        if (r.contains("unexpected exception")) {
            return "lincheck.exception";
        }
        return "lincheck.not-linearizable";
    }

    /** Keeps the part of Lincheck's report a student can read: results and the interleaving. */
    static String trim(String report) {
        if (report == null) {
            return "";
        }
        String[] lines = report.strip().split("\n");
        int end = lines.length;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("Detailed trace")) {
                end = i;
                break;
            }
        }
        String kept = Arrays.stream(lines, 0, Math.min(end, MAX_TRACE_LINES)).collect(Collectors.joining("\n"));
        return end > MAX_TRACE_LINES ? kept + "\n..." : kept;
    }
}
