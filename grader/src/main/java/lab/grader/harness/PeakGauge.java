package lab.grader.harness;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts how many calls are inside a section at once, and the most there ever were: the proof
 * that work ran concurrently (or did not) without any wall-clock guess.
 */
public final class PeakGauge {
    private final AtomicInteger now = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    /** A call enters the section. */
    public void enter() {
        int inside = now.incrementAndGet();
        peak.accumulateAndGet(inside, Math::max);
    }

    /** A call leaves the section. */
    public void exit() {
        now.decrementAndGet();
    }

    /** How many are inside now. */
    public int current() {
        return now.get();
    }

    /** The most that were inside at once. */
    public int peak() {
        return peak.get();
    }
}
