package lab.counter;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A counter made safe with an explicit {@link ReentrantLock}.
 *
 * <p>See the lesson: <a href="02-counter.md">02-counter.md</a>.
 */
public final class LockCounter implements Counter {
    // One lock for the whole counter: a lock made per call would protect nothing.
    private final ReentrantLock lock = new ReentrantLock();
    private long value;

    public LockCounter() {
    }

    @Override
    public void increment() {
        lock.lock();
        try {
            value++;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long get() {
        lock.lock();
        try {
            return value;
        } finally {
            lock.unlock();
        }
    }
}
