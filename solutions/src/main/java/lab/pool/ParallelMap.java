package lab.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Reference solution for the {@code pool} exercise: the Java version of the seed's
 * {@code ThreadPoolExecutor(max_workers=3).map(square, data)}.
 *
 * <p>See the lesson: <a href="04-pool.md">04-pool.md</a>
 */
public final class ParallelMap {

    private ParallelMap() {
        // static helpers only
    }

    /**
     * Applies {@code fn} to every input on a pool of at most {@code workers} threads and returns
     * the results in input order. The pool is shut down, and none of its tasks is still running,
     * when this method returns or throws (except when interrupted: then the pool is told to stop,
     * but not waited for).
     *
     * @param fn the function; it is called from pool threads, at most {@code workers} at once
     * @param inputs the inputs; may be empty, and may contain null if {@code fn} accepts it
     * @param workers the largest number of calls running at once, at least 1
     * @param <T> the input type
     * @param <R> the result type
     * @return a new list with {@code fn(inputs[i])} at index i
     * @throws NullPointerException if {@code fn} or {@code inputs} is null
     * @throws IllegalArgumentException if {@code workers} is below 1
     * @throws ExecutionException if a call failed; its cause is that call's own exception, and
     *         the remaining calls are cancelled
     * @throws InterruptedException if the caller is interrupted while waiting
     */
    public static <T, R> List<R> map(Function<? super T, ? extends R> fn, List<T> inputs, int workers)
            throws InterruptedException, ExecutionException {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(inputs, "inputs");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, was " + workers);
        }
        List<T> items = new ArrayList<>(inputs); // a snapshot; the caller may change its list later
        int n = items.size();
        if (n == 0) {
            return new ArrayList<>(); // nothing to do: don't pay for a pool
        }

        // A fixed pool bounds the concurrency: at most `threads` calls can run at once, the rest
        // queue up. More threads than inputs would only sit idle.
        int threads = Math.min(workers, n);
        ExecutorService pool = Executors.newFixedThreadPool(threads, namedThreads());
        // Tasks finish in any order; the completion service hands them to us as they finish, so
        // a failure is noticed at once instead of after every earlier input is done.
        CompletionService<Void> done = new ExecutorCompletionService<>(pool);
        Object[] results = new Object[n]; // each task writes only its own slot
        try {
            for (int i = 0; i < n; i++) {
                int slot = i;
                T input = items.get(i);
                done.submit(() -> {
                    results[slot] = fn.apply(input);
                    return null;
                });
            }
            for (int i = 0; i < n; i++) {
                // get() throws ExecutionException whose cause is the call's exception. It also
                // makes the task's write to results[] visible to this thread.
                done.take().get();
            }
        } catch (ExecutionException failure) {
            // Cancel what is queued, interrupt what runs, and wait until nothing runs any more:
            // we promised a stopped pool, even when we fail.
            pool.shutdownNow();
            try {
                awaitTermination(pool);
            } catch (InterruptedException interrupted) {
                interrupted.addSuppressed(failure); // report both: the failure is not lost
                throw interrupted;
            }
            throw failure;
        } catch (InterruptedException | RuntimeException | Error e) {
            // Interrupted: stop the pool but leave promptly, as the caller asked.
            pool.shutdownNow();
            throw e;
        }
        pool.shutdown();
        awaitTermination(pool); // every task is done already; this just lets the threads end

        List<R> out = new ArrayList<>(n);
        for (Object result : results) {
            @SuppressWarnings("unchecked") // results[i] was set from fn.apply, which returns an R
            R r = (R) result;
            out.add(r);
        }
        return out;
    }

    private static void awaitTermination(ExecutorService pool) throws InterruptedException {
        while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
            // keep waiting: a task that ignores interruption still has to finish
        }
    }

    /** Non-daemon threads with recognisable names (they show up in thread dumps and reports). */
    private static ThreadFactory namedThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "parallel-map-" + count.incrementAndGet());
            thread.setDaemon(false);
            return thread;
        };
    }
}
