package lab.grader.queue;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import lab.grader.queue.QueueChecks.Buffer;

/**
 * Bounded buffers that real students write, each with a classic bug, plus one correct buffer (to
 * prove the checks accept it). Canaries: never graded, only rejected.
 *
 * <p>Most share {@link Ring}: an array used as a ring, with no locking of its own, so each class
 * shows only its way of locking and waiting, which is where the bug is.
 */
final class BrokenBuffers {
    private BrokenBuffers() {
    }

    /** The storage: a ring of items with head and count. Not thread-safe by itself. */
    abstract static class Ring implements Buffer {
        final Object[] items;
        int head;
        int count;

        Ring(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("capacity " + capacity);
            }
            items = new Object[capacity];
        }

        void enqueue(Object item) {
            items[(head + count) % items.length] = item;
            count++;
        }

        Object dequeue() {
            Object item = items[head];
            items[head] = null;
            head = (head + 1) % items.length;
            count--;
            return item;
        }

        boolean full() {
            return count == items.length;
        }

        @Override
        public int capacity() {
            return items.length;
        }
    }

    /** Correct too: synchronized methods, wait and notifyAll. */
    static class CorrectMonitor extends Ring {
        CorrectMonitor(int capacity) {
            super(capacity);
        }

        public synchronized void put(Object item) throws InterruptedException {
            Objects.requireNonNull(item);
            while (full()) {
                wait();
            }
            enqueue(item);
            notifyAll();
        }

        public synchronized Object take() throws InterruptedException {
            while (count == 0) {
                wait();
            }
            Object item = dequeue();
            notifyAll();
            return item;
        }

        public synchronized boolean offer(Object item) {
            Objects.requireNonNull(item);
            if (full()) {
                return false;
            }
            enqueue(item);
            notifyAll();
            return true;
        }

        public synchronized Object poll() {
            if (count == 0) {
                return null;
            }
            Object item = dequeue();
            notifyAll();
            return item;
        }

        public synchronized int size() {
            return count;
        }
    }

    /**
     * Correct too, but its parts are made through constructor references: Lincheck 3.7 reports
     * objects made that way inside a concurrent scenario as a hang, so the checks must not.
     */
    static final class CorrectMadeByReferences implements Buffer {
        private final ReentrantLock lock;
        private final Condition notFull;
        private final Condition notEmpty;
        private final ArrayDeque<Object> items;
        private final int capacity;

        CorrectMadeByReferences(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException();
            }
            java.util.function.Supplier<ReentrantLock> locks = ReentrantLock::new;
            java.util.function.Supplier<ArrayDeque<Object>> deques = ArrayDeque::new;
            this.lock = locks.get();
            this.notFull = lock.newCondition();
            this.notEmpty = lock.newCondition();
            this.items = deques.get();
            this.capacity = capacity;
        }

        public void put(Object item) throws InterruptedException {
            Objects.requireNonNull(item);
            lock.lockInterruptibly();
            try {
                while (items.size() == capacity) {
                    notFull.await();
                }
                items.addLast(item);
                notEmpty.signal();
            } finally {
                lock.unlock();
            }
        }

        public Object take() throws InterruptedException {
            lock.lockInterruptibly();
            try {
                while (items.isEmpty()) {
                    notEmpty.await();
                }
                Object item = items.pollFirst();
                notFull.signal();
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
                items.addLast(item);
                notEmpty.signal();
                return true;
            } finally {
                lock.unlock();
            }
        }

        public Object poll() {
            lock.lock();
            try {
                Object item = items.pollFirst();
                if (item != null) {
                    notFull.signal();
                }
                return item;
            } finally {
                lock.unlock();
            }
        }

        public int size() {
            lock.lock();
            try {
                return items.size();
            } finally {
                lock.unlock();
            }
        }

        public int capacity() {
            return capacity;
        }
    }

    /** {@code if} instead of {@code while}, with a lock and two conditions (signal wakes one). */
    static final class IfNotWhile extends Ring {
        final ReentrantLock lock = new ReentrantLock();
        final Condition notFull = lock.newCondition();
        final Condition notEmpty = lock.newCondition();

        IfNotWhile(int capacity) {
            super(capacity);
        }

        public void put(Object item) throws InterruptedException {
            Objects.requireNonNull(item);
            lock.lock();
            try {
                if (full()) {
                    notFull.await(); // SpotBugs: WA_AWAIT_NOT_IN_LOOP
                }
                enqueue(item);
                notEmpty.signal();
            } finally {
                lock.unlock();
            }
        }

        public Object take() throws InterruptedException {
            lock.lock();
            try {
                if (count == 0) {
                    notEmpty.await(); // SpotBugs: WA_AWAIT_NOT_IN_LOOP
                }
                Object item = dequeue();
                notFull.signal();
                return item;
            } finally {
                lock.unlock();
            }
        }

        public boolean offer(Object item) {
            Objects.requireNonNull(item);
            lock.lock();
            try {
                if (full()) {
                    return false;
                }
                enqueue(item);
                notEmpty.signal();
                return true;
            } finally {
                lock.unlock();
            }
        }

        public Object poll() {
            lock.lock();
            try {
                if (count == 0) {
                    return null;
                }
                Object item = dequeue();
                notFull.signal();
                return item;
            } finally {
                lock.unlock();
            }
        }

        public int size() {
            lock.lock();
            try {
                return count;
            } finally {
                lock.unlock();
            }
        }
    }

    /** {@code if} instead of {@code while}, with synchronized and notifyAll, on an ArrayDeque. */
    static final class IfNotWhileMonitor implements Buffer {
        private final ArrayDeque<Object> items = new ArrayDeque<>();
        private final int capacity;

        IfNotWhileMonitor(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException();
            }
            this.capacity = capacity;
        }

        public synchronized void put(Object item) throws InterruptedException {
            Objects.requireNonNull(item);
            if (items.size() == capacity) {
                wait(); // SpotBugs: WA_NOT_IN_LOOP
            }
            items.addLast(item);
            notifyAll();
        }

        public synchronized Object take() throws InterruptedException {
            if (items.isEmpty()) {
                wait(); // SpotBugs: WA_NOT_IN_LOOP
            }
            Object item = items.pollFirst();
            notifyAll();
            return item;
        }

        public synchronized boolean offer(Object item) {
            Objects.requireNonNull(item);
            if (items.size() == capacity) {
                return false;
            }
            items.addLast(item);
            notifyAll();
            return true;
        }

        public synchronized Object poll() {
            Object item = items.pollFirst();
            notifyAll();
            return item;
        }

        public synchronized int size() {
            return items.size();
        }

        public int capacity() {
            return capacity;
        }
    }

    /** {@code if} instead of {@code while}, waiting on a private lock object with notify. */
    static final class IfNotWhilePrivateMonitor extends Ring {
        private final Object guard = new Object();

        IfNotWhilePrivateMonitor(int capacity) {
            super(capacity);
        }

        public void put(Object item) throws InterruptedException {
            Objects.requireNonNull(item);
            synchronized (guard) {
                if (full()) {
                    guard.wait(); // SpotBugs: WA_NOT_IN_LOOP
                }
                enqueue(item);
                guard.notify();
            }
        }

        public Object take() throws InterruptedException {
            synchronized (guard) {
                if (count == 0) {
                    guard.wait(); // SpotBugs: WA_NOT_IN_LOOP
                }
                Object item = dequeue();
                guard.notify();
                return item;
            }
        }

        public boolean offer(Object item) {
            Objects.requireNonNull(item);
            synchronized (guard) {
                if (full()) {
                    return false;
                }
                enqueue(item);
                guard.notify();
                return true;
            }
        }

        public Object poll() {
            synchronized (guard) {
                if (count == 0) {
                    return null;
                }
                Object item = dequeue();
                guard.notify();
                return item;
            }
        }

        public int size() {
            synchronized (guard) {
                return count;
            }
        }
    }

    /** One wait set (synchronized) and notify(): a consumer can wake a consumer, and the wakeup is lost. */
    static final class NotifyOne extends Ring {
        NotifyOne(int capacity) {
            super(capacity);
        }

        public synchronized void put(Object item) throws InterruptedException {
            Objects.requireNonNull(item);
            while (full()) {
                wait();
            }
            enqueue(item);
            notify();
        }

        public synchronized Object take() throws InterruptedException {
            while (count == 0) {
                wait();
            }
            Object item = dequeue();
            notify();
            return item;
        }

        public synchronized boolean offer(Object item) {
            Objects.requireNonNull(item);
            if (full()) {
                return false;
            }
            enqueue(item);
            notify();
            return true;
        }

        public synchronized Object poll() {
            if (count == 0) {
                return null;
            }
            Object item = dequeue();
            notify();
            return item;
        }

        public synchronized int size() {
            return count;
        }
    }

    /** The same lost wakeup with a ReentrantLock: one condition for producers and consumers, signal(). */
    static final class OneCondition extends Ring {
        final ReentrantLock lock = new ReentrantLock();
        final Condition changed = lock.newCondition();

        OneCondition(int capacity) {
            super(capacity);
        }

        public void put(Object item) throws InterruptedException {
            Objects.requireNonNull(item);
            lock.lock();
            try {
                while (full()) {
                    changed.await();
                }
                enqueue(item);
                changed.signal();
            } finally {
                lock.unlock();
            }
        }

        public Object take() throws InterruptedException {
            lock.lock();
            try {
                while (count == 0) {
                    changed.await();
                }
                Object item = dequeue();
                changed.signal();
                return item;
            } finally {
                lock.unlock();
            }
        }

        public boolean offer(Object item) {
            Objects.requireNonNull(item);
            lock.lock();
            try {
                if (full()) {
                    return false;
                }
                enqueue(item);
                changed.signal();
                return true;
            } finally {
                lock.unlock();
            }
        }

        public Object poll() {
            lock.lock();
            try {
                if (count == 0) {
                    return null;
                }
                Object item = dequeue();
                changed.signal();
                return item;
            } finally {
                lock.unlock();
            }
        }

        public int size() {
            lock.lock();
            try {
                return count;
            } finally {
                lock.unlock();
            }
        }
    }

    /** Correct locking, but take and put spin (check, unlock, check again) instead of waiting. */
    static class BusyWaiting extends Ring {
        final ReentrantLock lock = new ReentrantLock();

        BusyWaiting(int capacity) {
            super(capacity);
        }

        public void put(Object item) throws InterruptedException {
            Objects.requireNonNull(item);
            while (!offer(item)) {
                pause();
            }
        }

        public Object take() throws InterruptedException {
            Object item;
            while ((item = poll()) == null) {
                pause();
            }
            return item;
        }

        void pause() throws InterruptedException {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            Thread.onSpinWait();
        }

        public boolean offer(Object item) {
            Objects.requireNonNull(item);
            lock.lock();
            try {
                if (full()) {
                    return false;
                }
                enqueue(item);
                return true;
            } finally {
                lock.unlock();
            }
        }

        public Object poll() {
            lock.lock();
            try {
                return count == 0 ? null : dequeue();
            } finally {
                lock.unlock();
            }
        }

        public int size() {
            lock.lock();
            try {
                return count;
            } finally {
                lock.unlock();
            }
        }
    }

    /** Spinning with Thread.yield(): gives the core away, still never waits. */
    static final class YieldWaiting extends BusyWaiting {
        YieldWaiting(int capacity) {
            super(capacity);
        }

        @Override
        void pause() throws InterruptedException {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            Thread.yield();
        }
    }

    /** Sleep-polling: Thread.sleep(1) and check again. */
    static final class SleepPolling extends BusyWaiting {
        SleepPolling(int capacity) {
            super(capacity);
        }

        @Override
        void pause() throws InterruptedException {
            Thread.sleep(1);
        }
    }

    /** No synchronisation at all: put and take spin on plain fields. */
    static final class Unsynchronized extends Ring {
        Unsynchronized(int capacity) {
            super(capacity);
        }

        public void put(Object item) throws InterruptedException {
            Objects.requireNonNull(item);
            while (full()) {
                Thread.onSpinWait();
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
            enqueue(item);
        }

        public Object take() throws InterruptedException {
            while (count == 0) {
                Thread.onSpinWait();
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
            return dequeue();
        }

        public boolean offer(Object item) {
            Objects.requireNonNull(item);
            if (full()) {
                return false;
            }
            enqueue(item);
            return true;
        }

        public Object poll() {
            return count == 0 ? null : dequeue();
        }

        public int size() {
            return count;
        }
    }

    /** Ignores its capacity: an unbounded ArrayDeque behind a lock; put never waits. */
    static final class IgnoresCapacity implements Buffer {
        private final ArrayDeque<Object> items = new ArrayDeque<>();
        private final int capacity;

        IgnoresCapacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException();
            }
            this.capacity = capacity;
        }

        public synchronized void put(Object item) {
            Objects.requireNonNull(item);
            items.addLast(item);
            notifyAll();
        }

        public synchronized Object take() throws InterruptedException {
            while (items.isEmpty()) {
                wait();
            }
            return items.pollFirst();
        }

        public synchronized boolean offer(Object item) {
            put(item);
            return true;
        }

        public synchronized Object poll() {
            return items.pollFirst();
        }

        public synchronized int size() {
            return items.size();
        }

        public int capacity() {
            return capacity;
        }
    }

    /** Last in, first out: push and pop on a deque (a stack), otherwise correct. */
    static final class Lifo implements Buffer {
        private final ArrayDeque<Object> items = new ArrayDeque<>();
        private final int capacity;

        Lifo(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException();
            }
            this.capacity = capacity;
        }

        public synchronized void put(Object item) throws InterruptedException {
            Objects.requireNonNull(item);
            while (items.size() == capacity) {
                wait();
            }
            items.push(item);
            notifyAll();
        }

        public synchronized Object take() throws InterruptedException {
            while (items.isEmpty()) {
                wait();
            }
            Object item = items.pop();
            notifyAll();
            return item;
        }

        public synchronized boolean offer(Object item) {
            Objects.requireNonNull(item);
            if (items.size() == capacity) {
                return false;
            }
            items.push(item);
            notifyAll();
            return true;
        }

        public synchronized Object poll() {
            Object item = items.poll();
            notifyAll();
            return item;
        }

        public synchronized int size() {
            return items.size();
        }

        public int capacity() {
            return capacity;
        }
    }

    /** put on a full buffer drops the item (returns at once), like a failed offer. */
    static final class PutDropsWhenFull extends Correct {
        PutDropsWhenFull(int capacity) {
            super(capacity);
        }

        @Override
        public void put(Object item) {
            offer(item);
        }
    }

    /** put on a full buffer throws, like Collection.add. */
    static final class PutThrowsWhenFull extends Correct {
        PutThrowsWhenFull(int capacity) {
            super(capacity);
        }

        @Override
        public void put(Object item) {
            if (!offer(item)) {
                throw new IllegalStateException("buffer full");
            }
        }
    }

    /** take on an empty buffer returns null, like poll. */
    static final class TakeReturnsNull extends Correct {
        TakeReturnsNull(int capacity) {
            super(capacity);
        }

        @Override
        public Object take() {
            return poll();
        }
    }

    /** take waits once, for a short while, then gives up and returns null. */
    static final class TakeGivesUp extends Correct {
        TakeGivesUp(int capacity) {
            super(capacity);
        }

        @Override
        public Object take() throws InterruptedException {
            lock.lock();
            try {
                if (count == 0) {
                    notEmpty.await(20, TimeUnit.MILLISECONDS);
                }
                return count == 0 ? null : dequeueAndSignal();
            } finally {
                lock.unlock();
            }
        }
    }

    /** offer and poll forget to signal: a put or take waiting for them is never woken. */
    static final class NonBlockingCallsDoNotSignal extends Correct {
        NonBlockingCallsDoNotSignal(int capacity) {
            super(capacity);
        }

        @Override
        public boolean offer(Object item) {
            Objects.requireNonNull(item);
            lock.lock();
            try {
                if (full()) {
                    return false;
                }
                enqueue(item);
                return true;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public Object poll() {
            lock.lock();
            try {
                return count == 0 ? null : dequeue();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Catches InterruptedException and waits again: the thread can never be stopped. */
    static final class SwallowsInterrupt extends Correct {
        SwallowsInterrupt(int capacity) {
            super(capacity);
        }

        @Override
        public void put(Object item) {
            Objects.requireNonNull(item);
            lock.lock();
            try {
                while (full()) {
                    notFull.awaitUninterruptibly();
                }
                enqueue(item);
                notEmpty.signal();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public Object take() {
            lock.lock();
            try {
                while (count == 0) {
                    try {
                        notEmpty.await();
                    } catch (InterruptedException e) {
                        // "ignore it and keep waiting"
                    }
                }
                return dequeueAndSignal();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Catches InterruptedException and returns: null from take, nothing from put. */
    static final class ReturnsOnInterrupt extends Correct {
        ReturnsOnInterrupt(int capacity) {
            super(capacity);
        }

        @Override
        public void put(Object item) {
            try {
                super.put(item);
            } catch (InterruptedException e) {
                // "printStackTrace and carry on"
            }
        }

        @Override
        public Object take() {
            try {
                return super.take();
            } catch (InterruptedException e) {
                return null;
            }
        }
    }

    /** Never checks its arguments: null items are stored, a capacity of 0 is accepted. */
    static final class NoArgumentChecks implements Buffer {
        private final Correct inner;
        private final int capacity;

        NoArgumentChecks(int capacity) {
            this.capacity = capacity;
            this.inner = new Correct(Math.max(1, capacity));
        }

        public void put(Object item) throws InterruptedException {
            inner.put(item == null ? "null" : item);
        }

        public Object take() throws InterruptedException {
            return inner.take();
        }

        public boolean offer(Object item) {
            return inner.offer(item == null ? "null" : item);
        }

        public Object poll() {
            return inner.poll();
        }

        public int size() {
            return inner.size();
        }

        public int capacity() {
            return capacity;
        }
    }

    /** Correct: one ReentrantLock, two conditions, while loops. The broken ones above override one call each. */
    static class Correct extends Ring {
        final ReentrantLock lock = new ReentrantLock();
        final Condition notFull = lock.newCondition();
        final Condition notEmpty = lock.newCondition();

        Correct(int capacity) {
            super(capacity);
        }

        Object dequeueAndSignal() {
            Object item = dequeue();
            notFull.signal();
            return item;
        }

        public void put(Object item) throws InterruptedException {
            Objects.requireNonNull(item);
            lock.lockInterruptibly();
            try {
                while (full()) {
                    notFull.await();
                }
                enqueue(item);
                notEmpty.signal();
            } finally {
                lock.unlock();
            }
        }

        public Object take() throws InterruptedException {
            lock.lockInterruptibly();
            try {
                while (count == 0) {
                    notEmpty.await();
                }
                return dequeueAndSignal();
            } finally {
                lock.unlock();
            }
        }

        public boolean offer(Object item) {
            Objects.requireNonNull(item);
            lock.lock();
            try {
                if (full()) {
                    return false;
                }
                enqueue(item);
                notEmpty.signal();
                return true;
            } finally {
                lock.unlock();
            }
        }

        public Object poll() {
            lock.lock();
            try {
                return count == 0 ? null : dequeueAndSignal();
            } finally {
                lock.unlock();
            }
        }

        public int size() {
            lock.lock();
            try {
                return count;
            } finally {
                lock.unlock();
            }
        }
    }
}
