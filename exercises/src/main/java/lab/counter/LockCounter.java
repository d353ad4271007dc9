package lab.counter;

/**
 * A counter made safe with an explicit {@link java.util.concurrent.locks.ReentrantLock}.
 *
 * <p>One lock object for the whole counter, created once (a field), taken around every read and
 * write: {@code lock.lock(); try { ... } finally { lock.unlock(); }}. A lock created inside the
 * method protects nothing: every call would get its own.
 *
 * <p>See the lesson: <a href="02-counter.md">02-counter.md</a>. Grade just this exercise with
 * {@code mvn verify -Dexercise=counter}.
 */
public final class LockCounter implements Counter {

    public LockCounter() {
    }

    @Override
    public void increment() {
        throw new UnsupportedOperationException(
                "TODO: lock a ReentrantLock field, increment, and unlock in a finally block");
    }

    @Override
    public long get() {
        throw new UnsupportedOperationException(
                "TODO: read the value under the same ReentrantLock (lock, read, unlock in finally)");
    }
}
