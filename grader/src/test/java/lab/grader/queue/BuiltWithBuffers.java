package lab.grader.queue;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import lab.grader.queue.QueueChecks.Buffer;

/**
 * Buffers that pass every behavioural check and are still not the exercise: built on a
 * java.util.concurrent queue, split across two semaphores, or reading their count without the
 * lock. Canaries for {@link QueueChecks#builtWithALock} (and, for the semaphores, for
 * {@link QueueChecks#linearizable} at capacity 1); {@link VolatileCountSize} is the correct twin.
 */
final class BuiltWithBuffers {
    private BuiltWithBuffers() {
    }

    /** Every call handed to an ArrayBlockingQueue: the library does the exercise. */
    static final class OnArrayBlockingQueue implements Buffer {
        private final ArrayBlockingQueue<Object> queue;

        OnArrayBlockingQueue(int capacity) {
            queue = new ArrayBlockingQueue<>(capacity);
        }

        public void put(Object item) throws InterruptedException {
            queue.put(item);
        }

        public Object take() throws InterruptedException {
            return queue.take();
        }

        public boolean offer(Object item) {
            return queue.offer(item);
        }

        public Object poll() {
            return queue.poll();
        }

        public int size() {
            return queue.size();
        }

        public int capacity() {
            return queue.remainingCapacity() + queue.size();
        }
    }

    /** A lock and conditions for the waiting, but the items in a ConcurrentLinkedQueue (any j.u.c queue counts). */
    static final class LockedConcurrentQueue implements Buffer {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        private final ConcurrentLinkedQueue<Object> items = new ConcurrentLinkedQueue<>();
        private final int capacity;

        LockedConcurrentQueue(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException();
            }
            this.capacity = capacity;
        }

        public void put(Object item) throws InterruptedException {
            Objects.requireNonNull(item);
            lock.lockInterruptibly();
            try {
                while (items.size() == capacity) {
                    changed.await();
                }
                items.add(item);
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        public Object take() throws InterruptedException {
            lock.lockInterruptibly();
            try {
                while (items.isEmpty()) {
                    changed.await();
                }
                Object item = items.poll();
                changed.signalAll();
                return item;
            } finally {
                lock.unlock();
            }
        }

        public boolean offer(Object item) {
            Objects.requireNonNull(item);
            lock.lock();
            try {
                if (items.size() == capacity) {
                    return false;
                }
                items.add(item);
                changed.signalAll();
                return true;
            } finally {
                lock.unlock();
            }
        }

        public Object poll() {
            lock.lock();
            try {
                Object item = items.poll();
                changed.signalAll();
                return item;
            } finally {
                lock.unlock();
            }
        }

        public int size() {
            return items.size();
        }

        public int capacity() {
            return capacity;
        }
    }

    /**
     * The textbook design: a semaphore of free slots, one of used slots, a lock around the storage.
     * put and take work; offer, poll and size are not atomic (two synchronizers, two moments).
     */
    static final class TwoSemaphores implements Buffer {
        private final Semaphore free;
        private final Semaphore used = new Semaphore(0);
        private final ReentrantLock lock = new ReentrantLock();
        private final ArrayDeque<Object> items = new ArrayDeque<>();
        private final int capacity;

        TwoSemaphores(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException();
            }
            this.capacity = capacity;
            this.free = new Semaphore(capacity);
        }

        public void put(Object item) throws InterruptedException {
            Objects.requireNonNull(item);
            free.acquire();
            add(item);
            used.release();
        }

        public Object take() throws InterruptedException {
            used.acquire();
            Object item = remove();
            free.release();
            return item;
        }

        public boolean offer(Object item) {
            Objects.requireNonNull(item);
            if (!free.tryAcquire()) {
                return false;
            }
            add(item);
            used.release();
            return true;
        }

        public Object poll() {
            if (!used.tryAcquire()) {
                return null;
            }
            Object item = remove();
            free.release();
            return item;
        }

        public int size() {
            return used.availablePermits();
        }

        public int capacity() {
            return capacity;
        }

        private void add(Object item) {
            lock.lock();
            try {
                items.addLast(item);
            } finally {
                lock.unlock();
            }
        }

        private Object remove() {
            lock.lock();
            try {
                return items.pollFirst();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Correct but for size(): it reads the plain count without the monitor ("size() changes nothing"). */
    static final class PlainCountSize extends BrokenBuffers.CorrectMonitor {
        PlainCountSize(int capacity) {
            super(capacity);
        }

        @Override
        public int size() {
            return count;
        }
    }

    /** The correct twin: the same buffer with its own count volatile, read without the monitor. */
    static final class VolatileCountSize implements Buffer {
        private final Object[] items;
        private int head;
        private volatile int count;

        VolatileCountSize(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException();
            }
            items = new Object[capacity];
        }

        public synchronized void put(Object item) throws InterruptedException {
            Objects.requireNonNull(item);
            while (count == items.length) {
                wait();
            }
            add(item);
        }

        public synchronized Object take() throws InterruptedException {
            while (count == 0) {
                wait();
            }
            return remove();
        }

        public synchronized boolean offer(Object item) {
            Objects.requireNonNull(item);
            if (count == items.length) {
                return false;
            }
            add(item);
            return true;
        }

        public synchronized Object poll() {
            return count == 0 ? null : remove();
        }

        public int size() {
            return count;
        }

        public int capacity() {
            return items.length;
        }

        private void add(Object item) {
            items[(head + count) % items.length] = item;
            count++;
            notifyAll();
        }

        private Object remove() {
            Object item = items[head];
            items[head] = null;
            head = (head + 1) % items.length;
            count--;
            notifyAll();
            return item;
        }
    }

    /** Also fine: an AtomicInteger beside a monitor is not a java.util.concurrent queue (only the count is atomic). */
    static final class AtomicSizeMonitor extends BrokenBuffers.CorrectMonitor {
        private final AtomicInteger reads = new AtomicInteger();

        AtomicSizeMonitor(int capacity) {
            super(capacity);
        }

        @Override
        public synchronized int size() {
            reads.incrementAndGet();
            return count;
        }
    }
}
