package lab.parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reference solution for the {@code parallel} exercise: CPU-bound work (counting primes by trial
 * division) split over several cores, the Java version of the seed's process pool. Java threads
 * run on all cores at once (there is no GIL), so a thread pool is enough here.
 *
 * <p>See the lesson: <a href="05-parallel.md">05-parallel.md</a>
 */
public final class PrimeCount {

    /**
     * Chunks per thread. Larger numbers cost more to test, so equal-width chunks are unequal
     * work; many small chunks let a thread that finished early take another one.
     */
    private static final int CHUNKS_PER_THREAD = 8;

    private PrimeCount() {
        // static helpers only
    }

    /**
     * Counts the primes p with {@code from <= p < to}, on the calling thread.
     *
     * @param from the lower bound, inclusive, at least 0
     * @param to the upper bound, exclusive, at least {@code from}
     * @return the number of primes in the range
     * @throws IllegalArgumentException if {@code from < 0} or {@code from > to}
     */
    public static long sequential(int from, int to) {
        checkRange(from, to);
        long count = 0;
        for (int p = from; p < to; p++) { // p < to <= Integer.MAX_VALUE: p++ cannot overflow
            if (isPrime(p)) {
                count++;
            }
        }
        return count;
    }

    /**
     * One chunk of {@link #parallel}: the same loop, but it gives up when its thread is
     * interrupted. Pure computation never notices an interrupt by itself, so without this check
     * {@code shutdownNow()} could not stop a pool that is busy with a huge range.
     */
    private static long countChunk(int from, int to) throws InterruptedException {
        long count = 0;
        for (int p = from; p < to; p++) {
            if ((p & 0xFFF) == 0 && Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("prime count cancelled");
            }
            if (isPrime(p)) {
                count++;
            }
        }
        return count;
    }

    /**
     * Counts the primes p with {@code from <= p < to} on a pool of {@code parallelism} threads,
     * and returns the same answer as {@link #sequential(int, int)}. The pool is shut down before
     * this method returns.
     *
     * @param from the lower bound, inclusive, at least 0
     * @param to the upper bound, exclusive, at least {@code from}
     * @param parallelism the number of threads, at least 1
     * @return the number of primes in the range
     * @throws IllegalArgumentException if {@code from < 0}, {@code from > to} or
     *         {@code parallelism < 1}
     * @throws InterruptedException if the caller is interrupted while waiting
     */
    public static long parallel(int from, int to, int parallelism) throws InterruptedException {
        checkRange(from, to);
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
        }
        long width = (long) to - from;
        if (width == 0) {
            return 0; // empty range: no pool
        }
        int chunks = (int) Math.min(width, (long) parallelism * CHUNKS_PER_THREAD);
        int threads = Math.min(parallelism, chunks);

        ExecutorService pool = Executors.newFixedThreadPool(threads, namedThreads());
        try {
            List<Future<Long>> parts = new ArrayList<>(chunks);
            for (int i = 0; i < chunks; i++) {
                // Boundaries in long arithmetic: (to - from) * i can exceed int.
                int lo = (int) (from + width * i / chunks);
                int hi = (int) (from + width * (i + 1) / chunks);
                parts.add(pool.submit(() -> countChunk(lo, hi)));
            }
            long total = 0;
            for (Future<Long> part : parts) {
                total += part.get();
            }
            pool.shutdown();
            // Every chunk is done; wait for the threads to finish so no task is left running.
            while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                // keep waiting
            }
            return total;
        } catch (ExecutionException e) {
            // A chunk fails only with an Error (such as OutOfMemoryError) or when someone else
            // interrupted a pool thread: rethrow it rather than return a wrong count.
            Throwable cause = e.getCause();
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new IllegalStateException(cause);
        } finally {
            // On success this does nothing; on interruption or failure it cancels the rest.
            if (!pool.isTerminated()) {
                pool.shutdownNow();
            }
        }
    }

    /** Trial division by 2 and then by odd numbers up to the square root: honest CPU work. */
    private static boolean isPrime(int n) {
        if (n < 2) {
            return false;
        }
        if (n < 4) {
            return true; // 2 and 3
        }
        if (n % 2 == 0) {
            return false;
        }
        // d <= n / d instead of d * d <= n: the product could overflow int near MAX_VALUE.
        for (int d = 3; d <= n / d; d += 2) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }

    private static void checkRange(int from, int to) {
        if (from < 0) {
            throw new IllegalArgumentException("from must be at least 0, was " + from);
        }
        if (from > to) {
            throw new IllegalArgumentException("from (" + from + ") must not exceed to (" + to + ")");
        }
    }

    private static ThreadFactory namedThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "prime-count-" + count.incrementAndGet());
            thread.setDaemon(false);
            return thread;
        };
    }
}
