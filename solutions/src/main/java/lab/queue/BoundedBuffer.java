package lab.queue;

import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Reference solution for the {@code queue} exercise: a fixed-capacity FIFO buffer shared by
 * producer and consumer threads, the Java version of the seed's {@code queue.Queue}.
 *
 * <p>Built on one {@link ReentrantLock} and two {@link Condition}s: producers wait on
 * {@code notFull}, consumers wait on {@code notEmpty}. The items live in a ring (a plain array with
 * a head index and a count), so nothing is ever shifted.
 *
 * <p>See the lesson: <a href="03-queue.md">03-queue.md</a>
 *
 * @param <E> the type of the items
 */
public final class BoundedBuffer<E> {

    private final Object[] items;       // the ring; guarded by lock
    private int head;                   // index of the oldest item; guarded by lock
    private int count;                  // number of items; guarded by lock

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition notEmpty = lock.newCondition();

    /**
     * Creates an empty buffer that holds at most {@code capacity} items.
     *
     * @param capacity the maximum number of items, at least 1
     * @throws IllegalArgumentException if {@code capacity} is below 1
     */
    public BoundedBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.items = new Object[capacity];
    }

    /**
     * Adds {@code item} at the tail, waiting while the buffer is full.
     *
     * @param item the item, not null
     * @throws NullPointerException if {@code item} is null
     * @throws InterruptedException if interrupted before or while waiting (nothing is added)
     */
    public void put(E item) throws InterruptedException {
        Objects.requireNonNull(item, "item"); // null is poll()'s "empty" answer, so no null items
        lock.lockInterruptibly();
        try {
            // while, not if: after waking up (spuriously, or after another producer got the
            // free slot first) the buffer may be full again.
            while (count == items.length) {
                notFull.await();
            }
            enqueue(item);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes and returns the head item, waiting while the buffer is empty.
     *
     * @return the oldest item
     * @throws InterruptedException if interrupted before or while waiting (nothing is removed)
     */
    public E take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (count == 0) {
                notEmpty.await();
            }
            return dequeue();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Adds {@code item} if there is room, without waiting.
     *
     * @param item the item, not null
     * @return true if added, false if the buffer was full
     * @throws NullPointerException if {@code item} is null
     */
    public boolean offer(E item) {
        Objects.requireNonNull(item, "item");
        lock.lock();
        try {
            if (count == items.length) {
                return false;
            }
            enqueue(item);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes and returns the head item if there is one, without waiting.
     *
     * @return the oldest item, or null if the buffer was empty
     */
    public E poll() {
        lock.lock();
        try {
            return count == 0 ? null : dequeue();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The number of items in the buffer right now (it may change as soon as this returns).
     *
     * @return the current number of items
     */
    public int size() {
        lock.lock();
        try {
            return count;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The fixed maximum number of items.
     *
     * @return the capacity given to the constructor
     */
    public int capacity() {
        return items.length; // final and never changes: no lock needed
    }

    // Both helpers run with the lock held.

    private void enqueue(E item) {
        items[(head + count) % items.length] = item;
        count++;
        // signal(), not signalAll(): only consumers wait on notEmpty, and one new item can
        // satisfy exactly one of them. If the one we wake is interrupted instead, the Condition
        // passes the signal on to another waiter, so no wake-up is lost.
        notEmpty.signal();
    }

    private E dequeue() {
        @SuppressWarnings("unchecked") // only put()/offer() store into items, and they take an E
        E item = (E) items[head];
        items[head] = null; // let the item be garbage-collected once the consumer drops it
        head = (head + 1) % items.length;
        count--;
        notFull.signal(); // one free slot for exactly one waiting producer (same reasoning)
        return item;
    }
}
