package lab.grader.counter;

import java.util.concurrent.locks.ReentrantLock;
import lab.counter.Counter;

/**
 * Counters that count exactly in every run and are still wrong: they write the count under a lock
 * and read it without one, a data race (no happens-before, and a long may be read torn). Canaries
 * for {@link CounterChecks#readsUnderTheLock}; the twins at the end (volatile, a helper called under
 * the lock, an early return inside the lock) are correct and must be accepted.
 */
final class RacyReadCounters {
    private RacyReadCounters() {
    }

    /** synchronized increment, plain get: "get() changes nothing, so it needs no lock". */
    static final class SynchronizedPlainGet implements Counter {
        private long value;

        public synchronized void increment() {
            value++;
        }

        public long get() {
            return value;
        }
    }

    /** A ReentrantLock around increment only. */
    static final class LockPlainGet implements Counter {
        private final ReentrantLock lock = new ReentrantLock();
        private long value;

        public void increment() {
            lock.lock();
            try {
                value++;
            } finally {
                lock.unlock();
            }
        }

        public long get() {
            return value;
        }
    }

    /** The count lives in a helper object; get() reads it without the monitor. */
    static final class HelperFieldPlainGet implements Counter {
        private final Cell cell = new Cell();

        public void increment() {
            synchronized (cell) {
                cell.value++;
            }
        }

        public long get() {
            return cell.value;
        }

        private static final class Cell {
            long value;
        }
    }

    /** get() goes through a helper that outsiders can reach without the lock (a public reset() calls it too). */
    static final class ResetWithoutLock implements Counter {
        private long value;

        public synchronized void increment() {
            value++;
        }

        public synchronized long get() {
            return value;
        }

        public void reset() {
            clear();
        }

        private void clear() {
            value = 0;
        }
    }

    // ------------------------------------------------------------ correct twins

    /** The same as SynchronizedPlainGet with the field volatile: the read is safe. */
    static final class SynchronizedVolatileGet implements Counter {
        private volatile long value;

        @SuppressWarnings("NonAtomicOperationOnVolatileField")
        public synchronized void increment() {
            value++;
        }

        public long get() {
            return value;
        }
    }

    /** The same as LockPlainGet with the field volatile. */
    static final class LockVolatileGet implements Counter {
        private final ReentrantLock lock = new ReentrantLock();
        private volatile long value;

        @SuppressWarnings("NonAtomicOperationOnVolatileField")
        public void increment() {
            lock.lock();
            try {
                value++;
            } finally {
                lock.unlock();
            }
        }

        public long get() {
            return value;
        }
    }

    /** Reads through a private helper that is only ever called with the lock held. */
    static final class HelperUnderLock implements Counter {
        private long value;

        public synchronized void increment() {
            value = next();
        }

        public synchronized long get() {
            return read();
        }

        private long next() {
            return read() + 1;
        }

        private long read() {
            return value;
        }
    }

    /** Early returns inside lock/try/finally (javac copies the unlock before each return). */
    static final class LockEarlyReturn implements Counter {
        private final ReentrantLock lock = new ReentrantLock();
        private long value;
        private long reads;

        public void increment() {
            lock.lock();
            try {
                if (value == Long.MAX_VALUE) {
                    return;
                }
                value++;
            } finally {
                lock.unlock();
            }
        }

        public long get() {
            lock.lock();
            try {
                reads++;
                if (value == 0) {
                    return 0;
                }
                long v = value;
                reads += v > 0 ? 0 : 1;
                return v;
            } finally {
                lock.unlock();
            }
        }
    }
}
