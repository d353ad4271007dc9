package lab.grader.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The grader's own thread pool, for reference runs measured beside student code in the same run
 * (what the machine gives right now: see {@link Timing#speedupAsked}). Done the way the lessons
 * teach: a fixed pool, every task submitted before any result is read, the pool gone afterwards.
 */
public final class GraderPool {
    private GraderPool() {
    }

    /**
     * Runs {@code tasks} on {@code threads} non-daemon threads named {@code name-1}, {@code name-2} ...
     * (the "grader-" prefix keeps them out of the threads checks count as the student's).
     *
     * @return the results, in the tasks' order
     */
    public static <T> List<T> runAll(String name, int threads, List<? extends Callable<T>> tasks) throws Exception {
        AtomicInteger names = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> new Thread(r, name + "-" + names.incrementAndGet()));
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(task));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
