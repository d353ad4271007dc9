package lab.counter;

/**
 * A counter made safe with Java's built-in lock: the {@code synchronized} keyword.
 *
 * <p>Two threads x 100,000 increments must end at exactly 200,000. Both {@link #increment()} and
 * {@link #get()} must hold the same lock (the monitor of {@code this}), so that the read, add and
 * write of one increment can never interleave with another thread's.
 *
 * <p>See the lesson: <a href="02-counter.md">02-counter.md</a>. Grade just this exercise with
 * {@code mvn verify -Dexercise=counter}.
 */
public final class SynchronizedCounter implements Counter {

    public SynchronizedCounter() {
    }

    @Override
    public void increment() {
        throw new UnsupportedOperationException(
                "TODO: keep a long field and increment it inside a synchronized method (or a synchronized (this) block)");
    }

    @Override
    public long get() {
        throw new UnsupportedOperationException(
                "TODO: return the field while holding the same lock as increment(), so you read the latest value");
    }
}
