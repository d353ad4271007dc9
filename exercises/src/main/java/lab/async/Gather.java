package lab.async;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Exercise {@code async}: Python's {@code asyncio.gather}, on {@link CompletableFuture}.
 *
 * <p>{@code await asyncio.gather(a(), b(), c())} starts three coroutines, lets them all wait at
 * the same time, and gives back their results in the order they were listed. The Java version
 * takes suppliers (each call starts one task and returns its future) and gives back a future of
 * all the results. Concurrency without blocking threads: nothing in here may wait.
 *
 * <p>What you build:
 * <ul>
 *   <li>{@link #gather(List)}: start every task, return a future of the list of results.</li>
 *   <li>{@link #gatherWithin(List, Duration)}: the same, but the whole fails with
 *       {@link java.util.concurrent.TimeoutException} when not every task is done in time.</li>
 * </ul>
 *
 * <p>Rules the grader checks:
 * <ul>
 *   <li>All tasks are started at once: call every supplier first, and only then combine the
 *       futures (with {@link CompletableFuture#allOf(CompletableFuture...)}). Waiting for one task
 *       before starting the next is sequential code.</li>
 *   <li>Never block: no {@code join()} or {@code get()} on a future that may not be done yet.
 *       {@code gather} returns at once, and the result is built in a callback
 *       ({@code thenApply}, {@code whenComplete}, ...).</li>
 *   <li>Results come in task order, not in finishing order.</li>
 *   <li>A failure surfaces: if a task fails, the returned future fails with <em>that task's own
 *       exception</em>. Futures that depend on a failed one see it wrapped in a
 *       {@link java.util.concurrent.CompletionException}; unwrap it ({@code getCause()}) before
 *       completing yours with {@code completeExceptionally}. A supplier that throws, or returns
 *       null, is a failed task too (with its exception, or a {@link NullPointerException}).
 *       Which failure you report when several fail, and whether you wait for the others first,
 *       is up to you.</li>
 *   <li>No tasks: an already completed future of an empty list.</li>
 *   <li>A null list, task or timeout: {@link NullPointerException}; a negative timeout:
 *       {@link IllegalArgumentException} (thrown by the method, not through the future). A zero
 *       timeout is allowed.</li>
 * </ul>
 *
 * <p>See the lesson: <a href="07-async.md">07-async.md</a>
 */
public final class Gather {

    private Gather() {
        // static helpers only
    }

    /**
     * Starts every task at once and returns a future of all their results, in task order. The
     * future fails with a failed task's own exception.
     *
     * @param tasks each supplier starts one task and returns its future; may be empty
     * @param <T> the result type
     * @return a future of the results in task order
     * @throws NullPointerException if {@code tasks} or one of its suppliers is null
     */
    public static <T> CompletableFuture<List<T>> gather(List<Supplier<CompletableFuture<T>>> tasks) {
        throw new UnsupportedOperationException(
                "TODO: call every supplier first and keep the futures in a list; then "
                        + "CompletableFuture.allOf(...) and, in a callback (whenComplete), either "
                        + "complete a new CompletableFuture with the values in order, or "
                        + "completeExceptionally it with the cause unwrapped from "
                        + "CompletionException. No join()/get() before everything is done.");
    }

    /**
     * Like {@link #gather(List)}, but the returned future fails with
     * {@link java.util.concurrent.TimeoutException} if not every task is done within
     * {@code timeout}.
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
        throw new UnsupportedOperationException(
                "TODO: check timeout (null: NullPointerException, negative: "
                        + "IllegalArgumentException), then reuse gather(tasks) and give the combined "
                        + "future a deadline with orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS): "
                        + "it fails with TimeoutException without blocking anyone.");
    }
}
