package lab.counter;

/**
 * A counter that many threads may share. Given: do not change this interface.
 *
 * <p>See the lesson: <a href="02-counter.md">02-counter.md</a>.
 */
public interface Counter {
    /** Adds one to the counter. */
    void increment();

    /** Returns the current value. */
    long get();
}
