package lab.grader.harness;

import java.util.ArrayList;
import java.util.List;
import org.jetbrains.lincheck.Lincheck;
import org.jetbrains.lincheck.LincheckAssertionError;

/**
 * Lincheck's concurrent-test API: a small closed scenario (start some threads, join them, check the
 * result) run many times under Lincheck's model checker, which chooses the interleavings. Added for
 * the queue exercise (blocking put/take, which the data-structure API of {@link Linearizability}
 * cannot check); any exercise with a small blocking scenario can use it.
 *
 * <p>A scenario that can deadlock is reported as hung with the interleaving that leads there; one
 * whose check fails (an assertion, an exception) with the interleaving that breaks it. The first
 * Lincheck call in a JVM costs a few seconds of agent start-up; keep {@code invocations} small.
 *
 * <p>Known trap: an object created inside the scenario through a constructor reference ({@code
 * Impl::new}, also inside the code under test: a {@code Supplier<Lock> s = ReentrantLock::new}
 * in its constructor) makes Lincheck 3.7 report a correct implementation as hung, after a long
 * wait. Create the objects under test before the call (one fresh object per invocation: Lincheck
 * runs the scenario once per invocation, and again to replay a failure) and hand them out inside.
 */
public final class ConcurrentScenario {
    private ConcurrentScenario() {
    }

    /**
     * Runs {@code scenario} under Lincheck {@code invocations} times.
     *
     * @param what what is checked, the first argument of both messages
     * @param hungKey the message key when some interleaving deadlocks ({0} = what, {1} = the trace)
     * @param failedKey the message key when some interleaving fails the scenario's own check
     */
    public static void check(String what, int invocations, Runnable scenario, String hungKey, String failedKey) {
        try {
            Lincheck.runConcurrentTest(invocations, scenario);
        } catch (LincheckAssertionError e) {
            String report = e.getMessage() == null ? "" : e.getMessage();
            boolean hung = report.contains("has hung");
            LincheckTable.record(report, null);
            throw CheckFailure.because(e, hung ? hungKey : failedKey, what, readable(report));
        }
    }

    /** Events nested deeper than this (calls inside the JDK's lock code, say) are left out of the trace. */
    private static final int MAX_DEPTH = 3;
    private static final int MAX_LINES = 80;

    /**
     * Lincheck's report with its interleaving table turned into one line per event ("Thread 2:
     * put(3)"): the table is as wide as all threads together, which no report can show. Events
     * nested deeper than {@value #MAX_DEPTH} calls are left out, except thread switches, which say
     * where a thread stopped.
     */
    static String readable(String report) {
        List<String> out = new ArrayList<>();
        List<String> names = null;
        for (String line : report.strip().split("\n")) {
            if (line.startsWith("Detailed trace")) {
                break;
            }
            String trimmed = line.strip();
            if (!trimmed.startsWith("|")) {
                if (!trimmed.isEmpty() && !trimmed.startsWith("= ")) {
                    out.add(trimmed);
                }
                continue;
            }
            if (trimmed.replace("|", "").replace("-", "").isBlank()) {
                continue;
            }
            String[] cells = trimmed.substring(1).split("\\|", -1);
            if (names == null) {
                names = new ArrayList<>();
                for (String cell : cells) {
                    names.add(cell.strip());
                }
                continue;
            }
            for (int i = 0; i < cells.length && i < names.size(); i++) {
                String cell = cells[i];
                if (cell.isBlank()) {
                    continue;
                }
                String content = (cell.startsWith(" ") ? cell.substring(1) : cell).stripTrailing();
                int depth = (content.length() - content.stripLeading().length()) / 2;
                if (depth > MAX_DEPTH) {
                    if (!content.contains("switch")) {
                        continue;
                    }
                    content = " ".repeat(2 * MAX_DEPTH + 2) + content.stripLeading();
                }
                out.add("  " + names.get(i) + ": " + content);
            }
        }
        if (out.size() > MAX_LINES) {
            List<String> kept = new ArrayList<>(out.subList(0, MAX_LINES));
            kept.add("  ...");
            return String.join("\n", kept);
        }
        return String.join("\n", out);
    }
}
