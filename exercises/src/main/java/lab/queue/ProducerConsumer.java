package lab.queue;

import java.util.List;

/**
 * Exercise {@code queue}, part 2: producers and consumers sharing a {@link BoundedBuffer}.
 *
 * <p>In the seed, one producer thread puts five numbers into a {@code queue.Queue}, one consumer
 * thread takes them until it gets {@code None}, and the main thread puts that {@code None} after
 * joining the producer. Here there are many producers and many consumers.
 *
 * <p>What you build: {@link #run(List, int, int)} creates one {@code BoundedBuffer} of
 * {@code capacity}, one producer thread per list in {@code producers} (it puts its list's items,
 * in order) and {@code consumers} consumer threads (each takes items until it takes a poison
 * pill). When every producer has been joined, it puts one poison pill <em>per consumer</em>, joins
 * every consumer, and returns every item that was consumed.
 *
 * <p>Rules the grader checks:
 * <ul>
 *   <li>Every produced item is consumed exactly once: none lost, none twice. The order of the
 *       returned list is up to you.</li>
 *   <li>It terminates: with more consumers than producers, with empty producer lists, with no
 *       producers at all (return an empty list), and with capacity 1.</li>
 *   <li>The poison pill must be something no producer can produce. Items may be anything, so use
 *       a private {@code static final Object POISON = new Object()}, compare it with {@code ==},
 *       and share a {@code BoundedBuffer<Object>} (cast the other items back to {@code T}).</li>
 *   <li>Consumers run at the same time, so they must not add to a plain shared
 *       {@code ArrayList}: give each consumer its own list and merge after joining, or use a
 *       thread-safe collection.</li>
 *   <li>Only use {@code BoundedBuffer}'s public methods: the grader may pair your
 *       {@code ProducerConsumer} with another {@code BoundedBuffer}.</li>
 *   <li>{@code consumers} or {@code capacity} below 1: {@link IllegalArgumentException}. A null
 *       list of producers, producer list or item: {@link NullPointerException}. Check both before
 *       starting any thread.</li>
 *   <li>Interrupted while waiting: interrupt your threads, and throw
 *       {@link InterruptedException} at once.</li>
 * </ul>
 *
 * <p>See the lesson: <a href="03-queue.md">03-queue.md</a>
 */
public final class ProducerConsumer {

    private ProducerConsumer() {
        // static helpers only
    }

    /**
     * Runs the producers and consumers over one shared buffer and returns every consumed item.
     *
     * @param producers one list of items per producer thread; may be empty, and so may its lists
     * @param consumers the number of consumer threads, at least 1
     * @param capacity the buffer's capacity, at least 1
     * @param <T> the type of the items
     * @return every consumed item, exactly once
     * @throws NullPointerException if {@code producers}, one of its lists, or an item is null
     * @throws IllegalArgumentException if {@code consumers} or {@code capacity} is below 1
     * @throws InterruptedException if the caller is interrupted while waiting
     */
    public static <T> List<T> run(List<List<T>> producers, int consumers, int capacity)
            throws InterruptedException {
        throw new UnsupportedOperationException(
                "TODO: validate, create a BoundedBuffer<Object>, start the consumer threads (loop: "
                        + "take(); stop when it is the POISON object) and one producer thread per "
                        + "list; join the producers; put one POISON per consumer (one is not "
                        + "enough: the first consumer to take it stops, the others wait forever); "
                        + "join the consumers; return what they collected.");
    }
}
