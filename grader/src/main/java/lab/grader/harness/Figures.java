package lab.grader.harness;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Measured figures a check publishes for the report: totals, times, ratios, peaks. The exercise's
 * verdict line is built from them ({@code verdict.<id>.pass} in the bundle), so the report always
 * shows what was measured, not just pass or fail.
 */
public final class Figures {
    private static final Map<String, Object> LAST = new ConcurrentHashMap<>();
    private static volatile BiConsumer<String, Object> sink = (name, value) -> { };

    private Figures() {
    }

    /** Records a figure (a Number or a String). */
    public static void record(String name, Object value) {
        LAST.put(name, value);
        sink.accept(name, value);
    }

    /** The last value recorded under {@code name} in this JVM, or null. */
    public static Object last(String name) {
        return LAST.get(name);
    }

    /** Where figures go besides memory: the grading JVM sends them to the runner. */
    public static void sendTo(BiConsumer<String, Object> destination) {
        sink = destination;
    }
}
