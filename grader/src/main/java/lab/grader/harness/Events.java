package lab.grader.harness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a check saw happen, for the pictures of the report page: spans of work on threads, samples of
 * a level over time, named values, the cells of a Lincheck table, stuck threads and their frames.
 *
 * <p>Like {@link Figures}, events wait here until the grading JVM's listener collects them at the end
 * of the check that recorded them; nothing static leads from here to the report line. Recording is
 * bounded (a student's thread flood must not blow up the report line or the page): past
 * {@value #MAX_EVENTS} events a check records nothing more, and text is cut at {@value #MAX_TEXT}
 * characters.
 */
public final class Events {
    /** The most events one check sends. */
    public static final int MAX_EVENTS = 600;
    /** The most events of one series (one picture's part). */
    public static final int MAX_PER_SERIES = 240;
    /** The longest text an event carries (a thread name, a frame, a Lincheck cell). */
    public static final int MAX_TEXT = 200;

    private static final ConcurrentLinkedQueue<Event> UNSENT = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final Map<String, AtomicInteger> PER_SERIES = new java.util.concurrent.ConcurrentHashMap<>();

    private Events() {
    }

    /**
     * One thing that happened.
     *
     * @param series which picture part it belongs to ({@code pool.sequential}, {@code queue.fill} ...)
     * @param kind {@code span} (lane, start, end), {@code sample} (start = time, value = level),
     *        {@code value} (label = name, value), {@code cell} (lane = column, start = row, label = text,
     *        value 1 = marked), {@code stuck} (lane = thread, label = state), {@code frame} (lane = thread,
     *        start = depth, label = frame, value 1 = the student's own code), {@code total} (end = length)
     * @param lane a thread's name, or a column
     * @param start microseconds from the series' origin, or a row
     * @param end microseconds from the series' origin
     * @param value a number
     * @param label a text
     */
    public record Event(String series, String kind, String lane, long start, long end, double value, String label) {
        public Event {
            series = cut(series);
            kind = cut(kind);
            lane = cut(lane);
            label = cut(label);
        }

        /** This event as a map, for the report line. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new HashMap<>();
            m.put("series", series);
            m.put("kind", kind);
            m.put("lane", lane);
            m.put("start", start);
            m.put("end", end);
            m.put("value", value);
            m.put("label", label);
            return m;
        }

        /** An event read back from the report line; null when it is not one. */
        public static Event fromMap(Map<?, ?> m) {
            if (!(m.get("series") instanceof String s) || !(m.get("kind") instanceof String k)) {
                return null;
            }
            return new Event(s, k, str(m.get("lane")), num(m.get("start")), num(m.get("end")),
                    m.get("value") instanceof Number n ? n.doubleValue() : 0, str(m.get("label")));
        }

        private static String str(Object o) {
            return o == null ? "" : String.valueOf(o);
        }

        private static long num(Object o) {
            return o instanceof Number n ? n.longValue() : 0;
        }
    }

    static String cut(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 3) + "...";
    }

    /** Records an event, unless this check (or this series) has recorded its share already. */
    public static void record(Event e) {
        AtomicInteger inSeries = PER_SERIES.computeIfAbsent(e.series(), s -> new AtomicInteger());
        if (PER_SERIES.size() > 64 || inSeries.incrementAndGet() > MAX_PER_SERIES || COUNT.incrementAndGet() > MAX_EVENTS) {
            return;
        }
        UNSENT.add(e);
    }

    /** A span of work on the calling thread. */
    public static void span(String series, long startMicros, long endMicros) {
        record(new Event(series, "span", Thread.currentThread().getName(), startMicros, endMicros, 0, ""));
    }

    /** A named value. */
    public static void value(String series, String name, double value) {
        record(new Event(series, "value", "", 0, 0, value, name));
    }

    /** A level at a moment (microseconds from the series' origin). */
    public static void sample(String series, long atMicros, double level) {
        record(new Event(series, "sample", "", atMicros, atMicros, level, ""));
    }

    /** The events recorded since the last call, in order; the bounds start again. */
    public static List<Event> drain() {
        List<Event> out = new ArrayList<>();
        for (Event e; (e = UNSENT.poll()) != null; ) {
            out.add(e);
        }
        COUNT.set(0);
        PER_SERIES.clear();
        return out;
    }

    /** Forgets what was recorded (between checks: it belongs to none of them). */
    public static void clear() {
        drain();
    }
}
