package lab.async;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Reference solution for the {@code async} exercise: the Java version of Python's
 * {@code asyncio.gather}, on {@link CompletableFuture}. Nothing here blocks a thread: the tasks
 * run wherever their futures are completed, and the result is assembled by callbacks.
 *
 * <p>See the lesson: <a href="07-async.md">07-async.md</a>
 */
public final class Gather {

    private Gather() {
        // static helpers only
    }

    /**
     * Starts every task (calls every supplier) at once and returns a future of all their results,
     * in task order. The returned future fails as soon as one task fails, with that task's own
     * exception (not a {@link CompletionException} around it). Never blocks the caller.
     *
     * <p>A supplier that throws, or returns null instead of a future, counts as a failed task
     * (with its exception, or a {@link NullPointerException}); the other tasks are still started.
     *
     * @param tasks each supplier starts one task and returns its future; may be empty
     * @param <T> the result type
     * @return a future of the results in task order (a new list; an element is null only if that
     *         task's future completed with null)
     * @throws NullPointerException if {@code tasks} or one of its suppliers is null (checked
     *         before any task starts)
     */
    public static <T> CompletableFuture<List<T>> gather(List<Supplier<CompletableFuture<T>>> tasks) {
        Objects.requireNonNull(tasks, "tasks");
        List<Supplier<CompletableFuture<T>>> suppliers = List.copyOf(tasks); // rejects null tasks
        if (suppliers.isEmpty()) {
            return CompletableFuture.completedFuture(new ArrayList<>());
        }

        // Start them all first, then combine: waiting for each before starting the next would
        // make the program sequential again.
        List<CompletableFuture<T>> futures = new ArrayList<>(suppliers.size());
        for (Supplier<CompletableFuture<T>> supplier : suppliers) {
            futures.add(start(supplier));
        }

        CompletableFuture<List<T>> result = new CompletableFuture<>();
        // Fail fast: the first failure completes the result at once (as asyncio.gather does),
        // without waiting for slower tasks. Later failures find the result already completed.
        for (CompletableFuture<T> future : futures) {
            future.whenComplete((value, failure) -> {
                if (failure != null) {
                    result.completeExceptionally(unwrap(failure));
                }
            });
        }
        CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]))
                .whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        result.completeExceptionally(unwrap(failure));
                        return;
                    }
                    // allOf completed normally, so every future is done: getNow never blocks here.
                    List<T> values = new ArrayList<>(futures.size());
                    for (CompletableFuture<T> future : futures) {
                        values.add(future.getNow(null));
                    }
                    result.complete(values);
                });
        return result;
    }

    /**
     * Like {@link #gather(List)}, but the returned future fails with a
     * {@link java.util.concurrent.TimeoutException} if not every task is done within
     * {@code timeout} (counted from the call). The tasks themselves are not cancelled.
     *
     * @param tasks each supplier starts one task and returns its future; may be empty
     * @param timeout how long all tasks together may take; zero is allowed
     * @param <T> the result type
     * @return a future of the results in task order
     * @throws NullPointerException if {@code tasks}, one of its suppliers or {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public static <T> CompletableFuture<List<T>> gatherWithin(List<Supplier<CompletableFuture<T>>> tasks,
                                                              Duration timeout) {
        Objects.requireNonNull(tasks, "tasks");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
        }
        long nanos;
        try {
            nanos = timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            nanos = Long.MAX_VALUE; // about 292 years: as good as "no timeout"
        }
        // orTimeout completes the future with TimeoutException if it is still pending when the
        // time is up (on a JDK timer thread, so still nobody blocks); an already completed
        // future, such as gather of no tasks, is left alone.
        return gather(tasks).orTimeout(nanos, TimeUnit.NANOSECONDS);
    }

    /** Calls the supplier, turning a throw or a null into a failed future for that one task. */
    private static <T> CompletableFuture<T> start(Supplier<CompletableFuture<T>> supplier) {
        try {
            CompletableFuture<T> future = supplier.get();
            return future != null
                    ? future
                    : CompletableFuture.failedFuture(
                            new NullPointerException("a task's supplier returned null"));
        } catch (RuntimeException | Error e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Dependent futures wrap a failure in CompletionException; callers want the task's own one. */
    private static Throwable unwrap(Throwable failure) {
        while (failure instanceof CompletionException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        return failure;
    }
}
