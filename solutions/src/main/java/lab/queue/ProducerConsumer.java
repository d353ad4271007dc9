package lab.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reference solution for the producer-consumer part of the {@code queue} exercise: the seed's
 * producer, consumer, {@code queue.Queue} and {@code None} sentinel, with many producers and many
 * consumers sharing one {@link BoundedBuffer}.
 *
 * <p>Uses only {@link BoundedBuffer}'s public methods, so it works with any correct buffer.
 *
 * <p>See the lesson: <a href="03-queue.md">03-queue.md</a>
 */
public final class ProducerConsumer {

    /**
     * The poison pill. Python's {@code None} works because the seed's items are never
     * {@code None}; here T may be anything, so the pill is a private object that no caller can
     * ever pass in. It is compared by identity.
     */
    private static final Object POISON = new Object();

    private ProducerConsumer() {
        // static helpers only
    }

    /**
     * Runs one producer thread per list in {@code producers} (each puts its items, in order, into
     * one shared buffer of {@code capacity}) and {@code consumers} consumer threads (each takes
     * items until it takes a poison pill). Once every producer has finished, one pill per
     * consumer is put; the method returns when every thread has ended.
     *
     * @param producers one list of items per producer thread; may be empty, and so may its lists
     * @param consumers the number of consumer threads, at least 1
     * @param capacity the buffer's capacity, at least 1
     * @param <T> the type of the items
     * @return every consumed item exactly once; the order between producers is not specified
     * @throws NullPointerException if {@code producers}, one of its lists, or an item is null
     *         (checked before any thread starts)
     * @throws IllegalArgumentException if {@code consumers} or {@code capacity} is below 1
     * @throws InterruptedException if the caller is interrupted while waiting; every producer and
     *         consumer thread is interrupted too
     */
    public static <T> List<T> run(List<List<T>> producers, int consumers, int capacity)
            throws InterruptedException {
        Objects.requireNonNull(producers, "producers");
        if (consumers < 1) {
            throw new IllegalArgumentException("consumers must be at least 1, was " + consumers);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        // Copy and validate everything before starting a thread: a null found later, inside a
        // producer thread, would leave the others half done.
        List<List<T>> work = new ArrayList<>(producers.size());
        for (List<T> items : producers) {
            work.add(List.copyOf(Objects.requireNonNull(items, "a producer's list")));
        }

        // BoundedBuffer<Object>, not <T>: it must also carry the pill, which is not a T.
        BoundedBuffer<Object> buffer = new BoundedBuffer<>(capacity);
        AtomicReference<Throwable> failure = new AtomicReference<>();

        // Each consumer collects into its own list: no sharing, so no locking. join() below
        // makes every list's contents visible to this thread.
        List<List<T>> collected = new ArrayList<>(consumers);
        List<Thread> consumerThreads = new ArrayList<>(consumers);
        for (int c = 0; c < consumers; c++) {
            List<T> mine = new ArrayList<>();
            collected.add(mine);
            consumerThreads.add(worker("consumer-" + (c + 1), failure, () -> {
                while (true) {
                    Object item = buffer.take();
                    if (item == POISON) {
                        return; // exactly one pill per consumer, so don't put it back
                    }
                    @SuppressWarnings("unchecked") // everything but the pill came from a List<T>
                    T t = (T) item;
                    mine.add(t);
                }
            }));
        }
        List<Thread> producerThreads = new ArrayList<>(work.size());
        for (int p = 0; p < work.size(); p++) {
            List<T> items = work.get(p);
            producerThreads.add(worker("producer-" + (p + 1), failure, () -> {
                for (T item : items) {
                    buffer.put(item); // blocks while the buffer is full: that is the back-pressure
                }
            }));
        }

        List<Thread> all = new ArrayList<>(consumerThreads);
        all.addAll(producerThreads);
        for (Thread thread : all) {
            thread.start();
        }
        try {
            for (Thread producer : producerThreads) {
                producer.join();
            }
            // Only now, with every producer finished, can no real item follow a pill. A pill per
            // consumer: each consumer stops at the first pill it takes. With zero producers the
            // pills go in at once and the consumers stop without consuming anything.
            for (int c = 0; c < consumers; c++) {
                buffer.put(POISON);
            }
            for (Thread consumer : consumerThreads) {
                consumer.join();
            }
        } catch (InterruptedException e) {
            for (Thread thread : all) {
                thread.interrupt();
            }
            throw e;
        }

        Throwable failed = failure.get();
        if (failed instanceof RuntimeException) {
            throw (RuntimeException) failed;
        }
        if (failed instanceof Error) {
            throw (Error) failed;
        }
        if (failed != null) {
            // A worker was interrupted by someone other than our caller: its items are missing,
            // so returning a list would be a lie.
            throw new IllegalStateException("a producer or consumer thread failed", failed);
        }

        List<T> result = new ArrayList<>();
        for (List<T> mine : collected) {
            result.addAll(mine);
        }
        return result;
    }

    /** The body of a producer or consumer thread; it may wait, so it may be interrupted. */
    private interface Body {
        void run() throws InterruptedException;
    }

    /** A non-daemon thread running {@code body} that records (first wins) how it failed. */
    private static Thread worker(String name, AtomicReference<Throwable> failure, Body body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }, name);
        thread.setDaemon(false);
        return thread;
    }
}
