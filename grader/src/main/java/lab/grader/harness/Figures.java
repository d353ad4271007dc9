package lab.grader.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Measured figures a check publishes for the report: totals, times, ratios, peaks. The exercise's
 * verdict line is built from them ({@code verdict.<id>.pass} in the bundle), so the report always
 * shows what was measured, not just pass or fail.
 *
 * <p>Figures wait here until the grading JVM's listener collects them at the end of the check that
 * recorded them: nothing static leads from here to the report line, so code under test that reaches
 * this class finds no way to send anything.
 */
public final class Figures {
    private static final Map<String, Object> LAST = new ConcurrentHashMap<>();
    private static final ConcurrentLinkedQueue<Map.Entry<String, Object>> UNSENT = new ConcurrentLinkedQueue<>();

    private Figures() {
    }

    /** Records a figure (a Number or a String). */
    public static void record(String name, Object value) {
        LAST.put(name, value);
        UNSENT.add(Map.entry(name, value));
    }

    /** The last value recorded under {@code name} in this JVM, or null. */
    public static Object last(String name) {
        return LAST.get(name);
    }

    /** The figures recorded since the last call, in order (the grading JVM sends them with the check's end). */
    public static List<Map.Entry<String, Object>> drain() {
        List<Map.Entry<String, Object>> out = new ArrayList<>();
        for (Map.Entry<String, Object> e; (e = UNSENT.poll()) != null; ) {
            out.add(e);
        }
        return out;
    }
}
