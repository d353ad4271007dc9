package lab.counter;

/**
 * A counter without locks: it uses an atomic variable from {@code java.util.concurrent.atomic}.
 *
 * <p>An atomic increment does read, add and write as one indivisible step, so no update is lost
 * and no thread ever waits for a lock. Careful: {@code set(get() + 1)} is two steps again and
 * loses updates just like {@code value++}.
 *
 * <p>See the lesson: <a href="02-counter.md">02-counter.md</a>. Grade just this exercise with
 * {@code mvn verify -Dexercise=counter}.
 */
public final class AtomicCounter implements Counter {

    public AtomicCounter() {
    }

    @Override
    public void increment() {
        throw new UnsupportedOperationException(
                "TODO: use an AtomicLong (or LongAdder) field and its single-step incrementAndGet() (or increment())");
    }

    @Override
    public long get() {
        throw new UnsupportedOperationException("TODO: return the atomic's current value");
    }
}
