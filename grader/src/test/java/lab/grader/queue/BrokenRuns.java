package lab.grader.queue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import lab.grader.queue.QueueChecks.Buffer;

/**
 * Versions of ProducerConsumer.run with the mistakes students make, and one correct version. All
 * use a correct buffer ({@link BrokenBuffers.Correct}), so the bug is in the run itself. Canaries only.
 */
final class BrokenRuns {
    private static final Object POISON = new Object();

    private BrokenRuns() {
    }

    /** Argument checks, as the contract asks; every broken run but one does them. */
    static <T> void check(List<List<T>> producers, int consumers, int capacity) {
        Objects.requireNonNull(producers);
        if (consumers < 1 || capacity < 1) {
            throw new IllegalArgumentException("consumers " + consumers + ", capacity " + capacity);
        }
        for (List<T> items : producers) {
            for (T item : Objects.requireNonNull(items)) {
                Objects.requireNonNull(item);
            }
        }
    }

    static Thread producer(Buffer buffer, List<?> items) {
        return new Thread(() -> {
            try {
                for (Object item : items) {
                    buffer.put(item);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** A consumer that takes into {@code into} until it takes the pill. */
    @SuppressWarnings("unchecked")
    static <T> Thread consumer(Buffer buffer, List<T> into) {
        return new Thread(() -> {
            try {
                for (Object item = buffer.take(); item != POISON; item = buffer.take()) {
                    into.add((T) item);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    static void joinAll(List<Thread> threads) throws InterruptedException {
        for (Thread t : threads) {
            t.join();
        }
    }

    /** Correct: consumers and producers started, producers joined, a pill per consumer, consumers joined. */
    static <T> List<T> correct(List<List<T>> producers, int consumers, int capacity) throws InterruptedException {
        check(producers, consumers, capacity);
        Buffer buffer = new BrokenBuffers.Correct(capacity);
        List<List<T>> collected = new ArrayList<>();
        List<Thread> cs = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            List<T> mine = new ArrayList<>();
            collected.add(mine);
            cs.add(consumer(buffer, mine));
        }
        List<Thread> ps = new ArrayList<>();
        for (List<T> items : producers) {
            ps.add(producer(buffer, items));
        }
        cs.forEach(Thread::start);
        ps.forEach(Thread::start);
        try {
            joinAll(ps);
            for (int c = 0; c < consumers; c++) {
                buffer.put(POISON);
            }
            joinAll(cs);
        } catch (InterruptedException e) {
            ps.forEach(Thread::interrupt);
            cs.forEach(Thread::interrupt);
            throw e;
        }
        List<T> result = new ArrayList<>();
        collected.forEach(result::addAll);
        return result;
    }

    /** Correct, but an interrupt while joining is caught and the join goes on: run cannot be stopped. */
    static <T> List<T> ignoresInterrupt(List<List<T>> producers, int consumers, int capacity) throws InterruptedException {
        check(producers, consumers, capacity);
        Buffer buffer = new BrokenBuffers.Correct(capacity);
        List<T> result = Collections.synchronizedList(new ArrayList<>());
        List<Thread> all = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            all.add(consumer(buffer, result));
        }
        List<Thread> ps = new ArrayList<>();
        for (List<T> items : producers) {
            ps.add(producer(buffer, items));
        }
        all.addAll(ps);
        all.forEach(Thread::start);
        for (Thread p : ps) {
            joinUninterruptibly(p);
        }
        for (int c = 0; c < consumers; c++) {
            buffer.put(POISON);
        }
        for (Thread t : all) {
            joinUninterruptibly(t);
        }
        return new ArrayList<>(result);
    }

    private static void joinUninterruptibly(Thread t) {
        while (true) {
            try {
                t.join();
                return;
            } catch (InterruptedException e) {
                // "can't happen": keep waiting
            }
        }
    }

    /** Correct, but an interrupt while joining makes it return what it has so far. */
    static <T> List<T> returnsWhenInterrupted(List<List<T>> producers, int consumers, int capacity) throws InterruptedException {
        check(producers, consumers, capacity);
        Buffer buffer = new BrokenBuffers.Correct(capacity);
        List<T> result = Collections.synchronizedList(new ArrayList<>());
        List<Thread> all = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            all.add(consumer(buffer, result));
        }
        List<Thread> ps = new ArrayList<>();
        for (List<T> items : producers) {
            ps.add(producer(buffer, items));
        }
        all.addAll(ps);
        all.forEach(Thread::start);
        try {
            joinAll(ps);
            for (int c = 0; c < consumers; c++) {
                buffer.put(POISON);
            }
            joinAll(all);
        } catch (InterruptedException e) {
            all.forEach(Thread::interrupt);
        }
        return new ArrayList<>(result);
    }

    /** Correct too, with a thread pool for the consumers: shut down and awaited before returning. */
    @SuppressWarnings("unchecked")
    static <T> List<T> correctWithPool(List<List<T>> producers, int consumers, int capacity) throws InterruptedException {
        check(producers, consumers, capacity);
        Buffer buffer = new BrokenBuffers.Correct(capacity);
        ExecutorService pool = Executors.newFixedThreadPool(consumers + producers.size());
        try {
            List<Future<List<T>>> futures = new ArrayList<>();
            for (int c = 0; c < consumers; c++) {
                futures.add(pool.submit(() -> {
                    List<T> mine = new ArrayList<>();
                    for (Object item = buffer.take(); item != POISON; item = buffer.take()) {
                        mine.add((T) item);
                    }
                    return mine;
                }));
            }
            List<Future<?>> made = new ArrayList<>();
            for (List<T> items : producers) {
                made.add(pool.submit(() -> {
                    for (T item : items) {
                        buffer.put(item);
                    }
                    return null;
                }));
            }
            for (Future<?> f : made) {
                f.get();
            }
            for (int c = 0; c < consumers; c++) {
                buffer.put(POISON);
            }
            List<T> result = new ArrayList<>();
            for (Future<List<T>> f : futures) {
                result.addAll(f.get());
            }
            return result;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /** One pill for all consumers: the first stops, the others wait for ever. */
    static <T> List<T> onePill(List<List<T>> producers, int consumers, int capacity) throws InterruptedException {
        check(producers, consumers, capacity);
        Buffer buffer = new BrokenBuffers.Correct(capacity);
        List<T> result = Collections.synchronizedList(new ArrayList<>());
        List<Thread> cs = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            cs.add(consumer(buffer, result));
        }
        List<Thread> ps = new ArrayList<>();
        for (List<T> items : producers) {
            ps.add(producer(buffer, items));
        }
        cs.forEach(Thread::start);
        ps.forEach(Thread::start);
        joinAll(ps);
        buffer.put(POISON);
        joinAll(cs);
        return new ArrayList<>(result);
    }

    /** Starts and joins the producers first, then starts the consumers: producers block on a full buffer. */
    static <T> List<T> producersFirst(List<List<T>> producers, int consumers, int capacity) throws InterruptedException {
        check(producers, consumers, capacity);
        Buffer buffer = new BrokenBuffers.Correct(capacity);
        List<Thread> ps = new ArrayList<>();
        for (List<T> items : producers) {
            ps.add(producer(buffer, items));
        }
        ps.forEach(Thread::start);
        joinAll(ps);
        List<T> result = Collections.synchronizedList(new ArrayList<>());
        List<Thread> cs = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            cs.add(consumer(buffer, result));
        }
        cs.forEach(Thread::start);
        for (int c = 0; c < consumers; c++) {
            buffer.put(POISON);
        }
        joinAll(cs);
        return new ArrayList<>(result);
    }

    /** Puts the pills right after starting the producers, without joining them first. */
    static <T> List<T> pillsTooEarly(List<List<T>> producers, int consumers, int capacity) throws InterruptedException {
        check(producers, consumers, capacity);
        Buffer buffer = new BrokenBuffers.Correct(capacity);
        List<T> result = Collections.synchronizedList(new ArrayList<>());
        List<Thread> cs = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            cs.add(consumer(buffer, result));
        }
        List<Thread> ps = new ArrayList<>();
        for (List<T> items : producers) {
            ps.add(producer(buffer, items));
        }
        cs.forEach(Thread::start);
        ps.forEach(Thread::start);
        for (int c = 0; c < consumers; c++) {
            buffer.put(POISON);
        }
        joinAll(cs);
        joinAll(ps);
        return new ArrayList<>(result);
    }

    /** The pill is a value a producer can send too: the string "POISON" (compared with equals), or -1. */
    @SuppressWarnings("unchecked")
    static <T> List<T> pillIsAValue(List<List<T>> producers, int consumers, int capacity) throws InterruptedException {
        check(producers, consumers, capacity);
        Buffer buffer = new BrokenBuffers.Correct(capacity);
        List<List<T>> collected = new ArrayList<>();
        List<Thread> cs = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            List<T> mine = new ArrayList<>();
            collected.add(mine);
            cs.add(new Thread(() -> {
                try {
                    for (Object item = buffer.take(); !isPill(item); item = buffer.take()) {
                        mine.add((T) item);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        List<Thread> ps = new ArrayList<>();
        for (List<T> items : producers) {
            ps.add(producer(buffer, items));
        }
        cs.forEach(Thread::start);
        ps.forEach(Thread::start);
        // Interrupting stuck threads at the end would need more code; this student never saw them stuck.
        joinAll(ps);
        for (int c = 0; c < consumers; c++) {
            buffer.put("POISON");
        }
        joinAll(cs);
        List<T> result = new ArrayList<>();
        collected.forEach(result::addAll);
        return result;
    }

    private static boolean isPill(Object item) {
        return "POISON".equals(item) || Integer.valueOf(-1).equals(item);
    }

    /** Merges each consumer's list into the result twice (once in the consumer, once after join). */
    static <T> List<T> mergesTwice(List<List<T>> producers, int consumers, int capacity) throws InterruptedException {
        List<T> once = correct(producers, consumers, capacity);
        List<T> result = new ArrayList<>(once);
        if (!once.isEmpty()) {
            result.add(once.get(once.size() - 1)); // the last consumer's last item, added again after the loop
        }
        return result;
    }

    /** Keeps the pill in the result: the consumer adds what it took before checking for the pill. */
    @SuppressWarnings("unchecked")
    static <T> List<T> keepsThePill(List<List<T>> producers, int consumers, int capacity) throws InterruptedException {
        check(producers, consumers, capacity);
        Buffer buffer = new BrokenBuffers.Correct(capacity);
        List<List<T>> collected = new ArrayList<>();
        List<Thread> cs = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            List<T> mine = new ArrayList<>();
            collected.add(mine);
            cs.add(new Thread(() -> {
                try {
                    Object item;
                    do {
                        item = buffer.take();
                        mine.add((T) item);
                    } while (item != POISON);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        List<Thread> ps = new ArrayList<>();
        for (List<T> items : producers) {
            ps.add(producer(buffer, items));
        }
        cs.forEach(Thread::start);
        ps.forEach(Thread::start);
        joinAll(ps);
        for (int c = 0; c < consumers; c++) {
            buffer.put(POISON);
        }
        joinAll(cs);
        List<T> result = new ArrayList<>();
        collected.forEach(result::addAll);
        return result;
    }

    /** Returns after putting the pills, without joining the consumers: the shared list is still being filled. */
    static <T> List<T> noConsumerJoin(List<List<T>> producers, int consumers, int capacity) throws InterruptedException {
        check(producers, consumers, capacity);
        Buffer buffer = new BrokenBuffers.Correct(capacity);
        List<T> result = Collections.synchronizedList(new ArrayList<>());
        List<Thread> cs = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            cs.add(consumer(buffer, result));
        }
        List<Thread> ps = new ArrayList<>();
        for (List<T> items : producers) {
            ps.add(producer(buffer, items));
        }
        cs.forEach(Thread::start);
        ps.forEach(Thread::start);
        joinAll(ps);
        for (int c = 0; c < consumers; c++) {
            buffer.put(POISON);
        }
        return result;
    }

    /** Starts every thread and returns the shared list at once: joins nothing. */
    static <T> List<T> joinsNothing(List<List<T>> producers, int consumers, int capacity) {
        check(producers, consumers, capacity);
        Buffer buffer = new BrokenBuffers.Correct(capacity);
        List<T> result = Collections.synchronizedList(new ArrayList<>());
        List<Thread> all = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            all.add(consumer(buffer, result));
        }
        for (List<T> items : producers) {
            all.add(producer(buffer, items));
        }
        all.forEach(Thread::start);
        Thread pills = new Thread(() -> {
            try {
                for (int c = 0; c < consumers; c++) {
                    buffer.put(POISON); // "the consumers will stop eventually"
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        pills.start();
        return result;
    }

    /** Consumers in a thread pool that is never shut down: results are right, the pool's threads stay. */
    @SuppressWarnings("unchecked")
    static <T> List<T> poolNeverShutDown(List<List<T>> producers, int consumers, int capacity) throws InterruptedException {
        check(producers, consumers, capacity);
        Buffer buffer = new BrokenBuffers.Correct(capacity);
        ExecutorService pool = Executors.newFixedThreadPool(consumers);
        List<Future<List<T>>> futures = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            futures.add(pool.submit(() -> {
                List<T> mine = new ArrayList<>();
                for (Object item = buffer.take(); item != POISON; item = buffer.take()) {
                    mine.add((T) item);
                }
                return mine;
            }));
        }
        List<Thread> ps = new ArrayList<>();
        for (List<T> items : producers) {
            ps.add(producer(buffer, items));
        }
        ps.forEach(Thread::start);
        joinAll(ps);
        for (int c = 0; c < consumers; c++) {
            buffer.put(POISON);
        }
        List<T> result = new ArrayList<>();
        for (Future<List<T>> f : futures) {
            try {
                result.addAll(f.get());
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
        return result; // forgot pool.shutdown()
    }

    /** Collects with push (a stack): each consumer's items come out last first. */
    @SuppressWarnings("unchecked")
    static <T> List<T> collectsLastFirst(List<List<T>> producers, int consumers, int capacity) throws InterruptedException {
        check(producers, consumers, capacity);
        Buffer buffer = new BrokenBuffers.Correct(capacity);
        List<ArrayDeque<T>> collected = new ArrayList<>();
        List<Thread> cs = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            ArrayDeque<T> mine = new ArrayDeque<>();
            collected.add(mine);
            cs.add(new Thread(() -> {
                try {
                    for (Object item = buffer.take(); item != POISON; item = buffer.take()) {
                        mine.push((T) item);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        List<Thread> ps = new ArrayList<>();
        for (List<T> items : producers) {
            ps.add(producer(buffer, items));
        }
        cs.forEach(Thread::start);
        ps.forEach(Thread::start);
        joinAll(ps);
        for (int c = 0; c < consumers; c++) {
            buffer.put(POISON);
        }
        joinAll(cs);
        List<T> result = new ArrayList<>();
        collected.forEach(result::addAll);
        return result;
    }

    /** Never checks its arguments: a null item goes into the buffer's put (inside a producer thread). */
    static <T> List<T> noArgumentChecks(List<List<T>> producers, int consumers, int capacity) throws InterruptedException {
        List<List<T>> safe = producers == null ? List.of() : producers;
        List<List<T>> nonNull = new ArrayList<>();
        for (List<T> items : safe) {
            nonNull.add(items == null ? List.of() : items);
        }
        return correct(nonNull, Math.max(1, consumers), Math.max(1, capacity));
    }

    // ------------------------------------------------------------ waiting (issue 17, item 4)

    /** Correct but for the waiting: it spins on isAlive() (looking at the interrupt flag, so it is interruptible). */
    static <T> List<T> spinsWhileJoining(List<List<T>> producers, int consumers, int capacity) throws InterruptedException {
        check(producers, consumers, capacity);
        Buffer buffer = new BrokenBuffers.Correct(capacity);
        List<List<T>> collected = new ArrayList<>();
        List<Thread> cs = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            List<T> mine = new ArrayList<>();
            collected.add(mine);
            cs.add(consumer(buffer, mine));
        }
        List<Thread> ps = new ArrayList<>();
        for (List<T> items : producers) {
            ps.add(producer(buffer, items));
        }
        cs.forEach(Thread::start);
        ps.forEach(Thread::start);
        try {
            spinUntilEnded(ps);
            for (int c = 0; c < consumers; c++) {
                buffer.put(POISON);
            }
            spinUntilEnded(cs);
        } catch (InterruptedException e) {
            ps.forEach(Thread::interrupt);
            cs.forEach(Thread::interrupt);
            throw e;
        }
        List<T> result = new ArrayList<>();
        collected.forEach(result::addAll);
        return result;
    }

    private static void spinUntilEnded(List<Thread> threads) throws InterruptedException {
        while (threads.stream().anyMatch(Thread::isAlive)) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }
}
