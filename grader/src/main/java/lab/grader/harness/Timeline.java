package lab.grader.harness;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The spans of work of one timed run, one lane per thread, for the report page's timeline: where each
 * task started and ended on which thread. Wrap each task in {@link #enter()} / {@link #exit(long)};
 * when the run is over, {@link #publish()} hands its spans to {@link Events} (only the run that was
 * kept, say the best of three).
 *
 * <p>Bounded: a flood of tasks keeps the first {@value #MAX_SPANS} spans and counts the total.
 */
public final class Timeline {
    static final int MAX_SPANS = 200;
    private final String series;
    private final long origin = System.nanoTime();
    private final ConcurrentLinkedQueue<Events.Event> spans = new ConcurrentLinkedQueue<>();
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicLong endedAt = new AtomicLong();

    /** @param series the picture part, e.g. {@code pool.sequential} or {@code pool.concurrent} */
    public Timeline(String series) {
        this.series = series;
    }

    /** A task starts on the calling thread: returns its start, for {@link #exit(long)}. */
    public long enter() {
        return System.nanoTime();
    }

    /** The task started at {@code startNanos} ends on the calling thread. */
    public void exit(long startNanos) {
        exit(startNanos, Thread.currentThread().getName());
    }

    /**
     * The task started at {@code startNanos} ends, in {@code lane} ("" lets the page put it in the first
     * free row: requests a server answered, whichever thread sent them).
     */
    public void exit(long startNanos, String lane) {
        long now = System.nanoTime();
        if (count.incrementAndGet() <= MAX_SPANS) {
            spans.add(new Events.Event(series, "span", lane, micros(startNanos), micros(now), 0, ""));
        }
    }

    /** The calling thread waited from {@code startNanos} until now for the tasks (main joining them, say). */
    public void waited(long startNanos) {
        spans.add(new Events.Event(series, "wait", Thread.currentThread().getName(), micros(startNanos), micros(System.nanoTime()), 0, ""));
    }

    /** The run is over: its length is measured from the timeline's creation to now. */
    public Timeline finish() {
        endedAt.compareAndSet(0, System.nanoTime());
        return this;
    }

    /** The run's length so far (or at {@link #finish()}), in nanoseconds. */
    public long nanos() {
        long end = endedAt.get();
        return (end == 0 ? System.nanoTime() : end) - origin;
    }

    /** The spans recorded, in the order they ended. */
    public List<Events.Event> spans() {
        return List.copyOf(spans);
    }

    /** Hands the spans and the total (the run's length, and how many tasks ran) to {@link Events}. */
    public void publish() {
        finish();
        spans.forEach(Events::record);
        Events.record(new Events.Event(series, "total", "", 0, micros(endedAt.get()), count.get(), ""));
    }

    /** Of two runs, the shorter (for best-of-a-few timing); either may be null. */
    public static Timeline shorter(Timeline a, Timeline b) {
        if (a == null) {
            return b;
        }
        return b == null || a.nanos() <= b.nanos() ? a : b;
    }

    private long micros(long nanos) {
        return Math.max(0, (nanos - origin) / 1000);
    }
}
