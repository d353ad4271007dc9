package lab.queue;

/**
 * Exercise {@code queue}, part 1: a bounded buffer, the Java version of the seed's
 * {@code queue.Queue}.
 *
 * <p>Producers {@link #put(Object) put} items in, consumers {@link #take() take} them out, first
 * in, first out. The buffer holds at most {@link #capacity()} items: a producer that finds it
 * full waits until a consumer makes room, and a consumer that finds it empty waits until a
 * producer adds an item.
 *
 * <p>What you build: this whole class, with your own storage (an array used as a ring, with a
 * head index and a count, is the classic choice). Build it on
 * <ul>
 *   <li>a {@link java.util.concurrent.locks.ReentrantLock} with two
 *       {@link java.util.concurrent.locks.Condition}s, {@code notFull} and {@code notEmpty}, or</li>
 *   <li>{@code synchronized} methods with {@link Object#wait()} and {@link Object#notifyAll()}.</li>
 * </ul>
 * Not on a {@code java.util.concurrent} queue ({@code ArrayBlockingQueue} and friends): building
 * one is the point of the exercise.
 *
 * <p>Rules the grader checks:
 * <ul>
 *   <li>FIFO: items come out in the order they went in.</li>
 *   <li>{@code put} waits while full; {@code take} waits while empty. Always wait in a
 *       {@code while} loop that re-checks the condition, never behind an {@code if}: a waiting
 *       thread can wake up spuriously, or find that another thread got there first.</li>
 *   <li>No lost wake-ups: every change that could let a waiting thread go on must signal it.</li>
 *   <li>{@code offer} never waits (false when full); {@code poll} never waits (null when
 *       empty).</li>
 *   <li>Null items are rejected with {@link NullPointerException}: null is how {@code poll} says
 *       "empty".</li>
 *   <li>Capacity below 1: {@link IllegalArgumentException} from the constructor.</li>
 *   <li>Interrupted while waiting in {@code put} or {@code take}: throw
 *       {@link InterruptedException} at once, without adding or removing anything.</li>
 *   <li>Linearizable: {@code offer}, {@code poll} and {@code size} are model-checked with
 *       Lincheck, so every access to the shared state must hold the lock.</li>
 * </ul>
 *
 * <p>See the lesson: <a href="03-queue.md">03-queue.md</a>
 *
 * @param <E> the type of the items
 */
public final class BoundedBuffer<E> {

    /**
     * Creates an empty buffer that holds at most {@code capacity} items.
     *
     * @param capacity the maximum number of items, at least 1
     * @throws IllegalArgumentException if {@code capacity} is below 1
     */
    public BoundedBuffer(int capacity) {
        throw new UnsupportedOperationException(
                "TODO: reject capacity < 1 with IllegalArgumentException, then create the storage "
                        + "(e.g. new Object[capacity] used as a ring with head and count fields) and "
                        + "the lock with its two conditions, notFull and notEmpty.");
    }

    /**
     * Adds {@code item} at the tail, waiting while the buffer is full.
     *
     * @param item the item, not null
     * @throws NullPointerException if {@code item} is null
     * @throws InterruptedException if interrupted before or while waiting
     */
    public void put(E item) throws InterruptedException {
        throw new UnsupportedOperationException(
                "TODO: reject null; lock (lockInterruptibly); while (count == capacity) "
                        + "notFull.await(); store the item at the tail; notEmpty.signal(); unlock "
                        + "in a finally block.");
    }

    /**
     * Removes and returns the head item, waiting while the buffer is empty.
     *
     * @return the oldest item
     * @throws InterruptedException if interrupted before or while waiting
     */
    public E take() throws InterruptedException {
        throw new UnsupportedOperationException(
                "TODO: lock; while (count == 0) notEmpty.await(); remove the head item (clear its "
                        + "slot); notFull.signal(); unlock in finally. A while loop, not an if: "
                        + "another consumer may have taken the item before you woke up.");
    }

    /**
     * Adds {@code item} if there is room, without waiting.
     *
     * @param item the item, not null
     * @return true if added, false if the buffer was full
     * @throws NullPointerException if {@code item} is null
     */
    public boolean offer(E item) {
        throw new UnsupportedOperationException(
                "TODO: like put, but when full return false instead of waiting. Still take the "
                        + "lock, and still signal notEmpty after adding.");
    }

    /**
     * Removes and returns the head item if there is one, without waiting.
     *
     * @return the oldest item, or null if the buffer was empty
     */
    public E poll() {
        throw new UnsupportedOperationException(
                "TODO: like take, but when empty return null instead of waiting. Still take the "
                        + "lock, and still signal notFull after removing.");
    }

    /**
     * The number of items in the buffer right now.
     *
     * @return the current number of items
     */
    public int size() {
        throw new UnsupportedOperationException(
                "TODO: return the count, read while holding the lock (an unlocked read may see a "
                        + "stale value).");
    }

    /**
     * The fixed maximum number of items.
     *
     * @return the capacity given to the constructor
     */
    public int capacity() {
        throw new UnsupportedOperationException(
                "TODO: return the capacity given to the constructor (a final field needs no lock).");
    }
}
