package lab.counter;

/**
 * A counter made safe with Java's built-in lock: the {@code synchronized} keyword.
 *
 * <p>See the lesson: <a href="02-counter.md">02-counter.md</a>.
 */
public final class SynchronizedCounter implements Counter {
    private long value;

    public SynchronizedCounter() {
    }

    @Override
    public synchronized void increment() {
        value++;
    }

    // get() takes the same monitor: it both waits out a running increment and sees its write.
    @Override
    public synchronized long get() {
        return value;
    }
}
