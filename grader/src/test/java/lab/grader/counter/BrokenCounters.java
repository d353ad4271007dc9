package lab.grader.counter;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import lab.counter.Counter;

/** Counters that real students write, each with a classic bug. Canaries: never graded, only rejected. */
final class BrokenCounters {
    private BrokenCounters() {
    }

    /** The race itself: value++ is read, add, write. */
    static final class PlainIncrement implements Counter {
        private long value;

        public void increment() {
            value++;
        }

        public long get() {
            return value;
        }
    }

    /** "volatile makes it thread-safe": it makes reads fresh, not value++ atomic. */
    static final class VolatileIncrement implements Counter {
        private volatile long value;

        public void increment() {
            value++;
        }

        public long get() {
            return value;
        }
    }

    /** A new monitor per call: no two threads ever contend for it. */
    static final class SynchronizedOnNewObject implements Counter {
        private long value;

        public void increment() {
            synchronized (new Object()) {
                value++;
            }
        }

        public long get() {
            synchronized (new Object()) {
                return value;
            }
        }
    }

    /** A new lock per call: the same mistake with ReentrantLock. */
    static final class NewLockPerCall implements Counter {
        private long value;

        public void increment() {
            ReentrantLock lock = new ReentrantLock();
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

    /** Atomic variable, non-atomic use: get then set is two steps. */
    static final class AtomicGetThenSet implements Counter {
        private final AtomicLong value = new AtomicLong();

        public void increment() {
            value.set(value.get() + 1);
        }

        public long get() {
            return value.get();
        }
    }

    /** Locks and never unlocks: the second thread waits forever. */
    static final class ForgetsUnlock implements Counter {
        private final ReentrantLock lock = new ReentrantLock();
        private long value;

        public void increment() {
            lock.lock();
            value++;
        }

        public long get() {
            return value;
        }
    }

    /**
     * The same races with the window between read and write widened by a yield, so the lost update
     * happens whether the two threads share one core or run on two. Real student code has the narrow
     * window: the deterministic proof for it is Lincheck; these prove the seed case and the property
     * reject a lost update whenever one happens, even on a loaded machine.
     */
    static final class WideWindow {
        private WideWindow() {
        }

        static final class PlainIncrement implements Counter {
            private long value;

            public void increment() {
                long v = value;
                Thread.yield();
                value = v + 1;
            }

            public long get() {
                return value;
            }
        }

        static final class VolatileIncrement implements Counter {
            private volatile long value;

            public void increment() {
                long v = value;
                Thread.yield();
                value = v + 1;
            }

            public long get() {
                return value;
            }
        }

        static final class SynchronizedOnNewObject implements Counter {
            private long value;

            public void increment() {
                synchronized (new Object()) {
                    long v = value;
                    Thread.yield();
                    value = v + 1;
                }
            }

            public long get() {
                return value;
            }
        }

        static final class NewLockPerCall implements Counter {
            private long value;

            public void increment() {
                ReentrantLock lock = new ReentrantLock();
                lock.lock();
                try {
                    long v = value;
                    Thread.yield();
                    value = v + 1;
                } finally {
                    lock.unlock();
                }
            }

            public long get() {
                return value;
            }
        }

        static final class AtomicGetThenSet implements Counter {
            private final AtomicLong value = new AtomicLong();

            public void increment() {
                long v = value.get();
                Thread.yield();
                value.set(v + 1);
            }

            public long get() {
                return value.get();
            }
        }
    }

    /** Thread-safe but wrong: counts twice. */
    static final class CountsTwice implements Counter {
        private final AtomicLong value = new AtomicLong();

        public void increment() {
            value.addAndGet(2);
        }

        public long get() {
            return value.get();
        }
    }

    /** Forgot the body. */
    static final class DoesNothing implements Counter {
        public void increment() {
        }

        public long get() {
            return 0;
        }
    }
}
