package lab.grader.counter;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import lab.counter.Counter;

/**
 * Counters that count exactly but with another tool than the one their exercise is about: what a
 * student writes who makes every counter the same, or mixes two tools. Canaries for
 * {@link CounterChecks#builtWith}; the last few are correct and must be accepted.
 */
final class WrongToolCounters {
    private WrongToolCounters() {
    }

    /** Exact with synchronized methods: right for SynchronizedCounter, wrong for the other two. */
    static final class SynchronizedMethods implements Counter {
        private long value;

        public synchronized void increment() {
            value++;
        }

        public synchronized long get() {
            return value;
        }
    }

    /** Exact with a ReentrantLock: right for LockCounter, wrong for the other two. */
    static final class WithReentrantLock implements Counter {
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
            lock.lock();
            try {
                return value;
            } finally {
                lock.unlock();
            }
        }
    }

    /** Exact with an AtomicLong: right for AtomicCounter, wrong for the other two. */
    static final class WithAtomicLong implements Counter {
        private final AtomicLong value = new AtomicLong();

        public void increment() {
            value.incrementAndGet();
        }

        public long get() {
            return value.get();
        }
    }

    /** A lock for increment, and a synchronized get "to be safe": two tools in one counter. */
    static final class LockThenSynchronizedGet implements Counter {
        private final Lock lock = new ReentrantLock();
        private long value;

        public void increment() {
            lock.lock();
            try {
                value++;
            } finally {
                lock.unlock();
            }
        }

        public synchronized long get() {
            return value;
        }
    }

    /** An AtomicLong, updated inside a synchronized block anyway. */
    static final class AtomicInsideSynchronizedBlock implements Counter {
        private final AtomicLong value = new AtomicLong();

        public void increment() {
            synchronized (this) {
                value.set(value.get() + 1);
            }
        }

        public long get() {
            return value.get();
        }
    }

    /** The lock hidden one class away: a nested helper does the locking. */
    static final class LockedHelper implements Counter {
        private final Helper helper = new Helper();

        public void increment() {
            helper.add();
        }

        public long get() {
            return helper.read();
        }

        static final class Helper {
            private long value;

            synchronized void add() {
                value++;
            }

            synchronized long read() {
                return value;
            }
        }
    }

    /** A synchronized block on a private lock object: the other correct way to write SynchronizedCounter. */
    static final class SynchronizedBlocks implements Counter {
        private final Object lock = new Object();
        private long value;

        public void increment() {
            synchronized (lock) {
                value++;
            }
        }

        public long get() {
            synchronized (lock) {
                return value;
            }
        }
    }

    /** LongAdder: lock-free, a correct AtomicCounter. */
    static final class WithLongAdder implements Counter {
        private final LongAdder value = new LongAdder();

        public void increment() {
            value.increment();
        }

        public long get() {
            return value.sum();
        }
    }

    /** A VarHandle on a volatile field: lock-free, a correct AtomicCounter. */
    static final class WithVarHandle implements Counter {
        private static final VarHandle VALUE;

        static {
            try {
                VALUE = MethodHandles.lookup().findVarHandle(WithVarHandle.class, "value", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private volatile long value;

        public void increment() {
            VALUE.getAndAdd(this, 1L);
        }

        public long get() {
            return value;
        }
    }
}
