package lab.counter;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A counter without locks, on an {@link AtomicLong}.
 *
 * <p>See the lesson: <a href="02-counter.md">02-counter.md</a>.
 */
public final class AtomicCounter implements Counter {
    private final AtomicLong value = new AtomicLong();

    public AtomicCounter() {
    }

    // incrementAndGet is one indivisible read-add-write (a CAS loop inside the JDK).
    @Override
    public void increment() {
        value.incrementAndGet();
    }

    @Override
    public long get() {
        return value.get();
    }
}
