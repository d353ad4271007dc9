package lab.grader.async;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Versions of Gather.gather and Gather.gatherWithin with the mistakes students make, and a correct
 * one to prove the checks accept right code. Canaries only: never graded.
 */
final class BrokenGathers {
    private BrokenGathers() {
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    // ---------------------------------------------------------------- correct

    /** Correct: start all, allOf, complete in a callback with the values in order or the unwrapped failure. */
    static <T> CompletableFuture<List<T>> gather(List<Supplier<CompletableFuture<T>>> tasks) {
        List<Supplier<CompletableFuture<T>>> all = List.copyOf(tasks);
        List<CompletableFuture<T>> futures = new ArrayList<>();
        for (Supplier<CompletableFuture<T>> task : all) {
            CompletableFuture<T> f;
            try {
                f = Objects.requireNonNull(task.get(), "the supplier returned null");
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            futures.add(f);
        }
        CompletableFuture<List<T>> result = new CompletableFuture<>();
        CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).whenComplete((ignored, failure) -> {
            if (failure != null) {
                result.completeExceptionally(unwrap(failure));
                return;
            }
            List<T> values = new ArrayList<>();
            for (CompletableFuture<T> f : futures) {
                values.add(f.join());
            }
            result.complete(values);
        });
        return result;
    }

    /**
     * Wraps every task in supplyAsync(() -> task.get().join()): it never blocks its caller, keeps
     * the order and passes on 2 cores (where CompletableFuture gives each async task a thread), but
     * parks a thread per running task; on 4 or more cores the common pool runs only cores - 1 of
     * them at once.
     */
    static <T> CompletableFuture<List<T>> parksAThreadPerTask(List<Supplier<CompletableFuture<T>>> tasks) {
        List<CompletableFuture<T>> futures = new ArrayList<>();
        for (Supplier<CompletableFuture<T>> task : List.copyOf(tasks)) {
            futures.add(CompletableFuture.supplyAsync(() -> task.get().join()));
        }
        return CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]))
                .thenApply(ignored -> futures.stream().map(CompletableFuture::join).toList());
    }

    /** Correct twin: starts each task on the pool too, but composes instead of joining (no thread waits). */
    static <T> CompletableFuture<List<T>> startsOnThePoolAndComposes(List<Supplier<CompletableFuture<T>>> tasks) {
        List<CompletableFuture<T>> futures = new ArrayList<>();
        for (Supplier<CompletableFuture<T>> task : List.copyOf(tasks)) {
            futures.add(CompletableFuture.supplyAsync(task).thenCompose(f -> f));
        }
        return CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]))
                .thenApply(ignored -> futures.stream().map(CompletableFuture::join).toList());
    }

    /** Correct. */
    static <T> CompletableFuture<List<T>> gatherWithin(List<Supplier<CompletableFuture<T>>> tasks, Duration timeout) {
        Objects.requireNonNull(timeout);
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("negative timeout");
        }
        return gather(tasks).orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    // ---------------------------------------------------------------- not all at once, or blocking

    /** task.get().join() in the loop: each task finishes before the next starts, and the caller waits. */
    static <T> CompletableFuture<List<T>> joinsInLoop(List<Supplier<CompletableFuture<T>>> tasks) {
        List<T> values = new ArrayList<>();
        for (Supplier<CompletableFuture<T>> task : List.copyOf(tasks)) {
            values.add(task.get().join());
        }
        return CompletableFuture.completedFuture(values);
    }

    /** Starts the next task when the previous one completes: no blocking, but one at a time. */
    static <T> CompletableFuture<List<T>> chainsWithThenCompose(List<Supplier<CompletableFuture<T>>> tasks) {
        CompletableFuture<List<T>> chain = CompletableFuture.completedFuture(new ArrayList<>());
        for (Supplier<CompletableFuture<T>> task : List.copyOf(tasks)) {
            chain = chain.thenCompose(list -> task.get().thenApply(v -> {
                list.add(v);
                return list;
            }));
        }
        return chain;
    }

    /** Starts all, then waits for all before returning: right results, caller blocked. */
    static <T> CompletableFuture<List<T>> joinsAtTheEnd(List<Supplier<CompletableFuture<T>>> tasks) {
        List<CompletableFuture<T>> futures = new ArrayList<>();
        for (Supplier<CompletableFuture<T>> task : List.copyOf(tasks)) {
            futures.add(task.get());
        }
        List<T> values = new ArrayList<>();
        for (CompletableFuture<T> f : futures) {
            values.add(f.join());
        }
        return CompletableFuture.completedFuture(values);
    }

    /** Returns the values there are right now. */
    static <T> CompletableFuture<List<T>> valuesNow(List<Supplier<CompletableFuture<T>>> tasks) {
        List<T> values = new ArrayList<>();
        for (Supplier<CompletableFuture<T>> task : List.copyOf(tasks)) {
            values.add(task.get().getNow(null));
        }
        return CompletableFuture.completedFuture(values);
    }

    /** Starts every task, then calls every supplier again to read the result: each task runs twice. */
    static <T> CompletableFuture<List<T>> callsSuppliersTwice(List<Supplier<CompletableFuture<T>>> tasks) {
        List<Supplier<CompletableFuture<T>>> all = List.copyOf(tasks);
        List<CompletableFuture<T>> futures = new ArrayList<>();
        for (Supplier<CompletableFuture<T>> task : all) {
            futures.add(task.get());
        }
        return CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
            List<T> values = new ArrayList<>();
            for (Supplier<CompletableFuture<T>> task : all) {
                values.add(task.get().join());
            }
            return values;
        });
    }

    /** Off by one: the last task is never started. */
    static <T> CompletableFuture<List<T>> skipsTheLast(List<Supplier<CompletableFuture<T>>> tasks) {
        List<Supplier<CompletableFuture<T>>> all = List.copyOf(tasks);
        return gather(all.isEmpty() ? all : all.subList(0, all.size() - 1));
    }

    // ---------------------------------------------------------------- order and completion

    /** Adds each result as it arrives: completion order. */
    static <T> CompletableFuture<List<T>> completionOrder(List<Supplier<CompletableFuture<T>>> tasks) {
        List<T> values = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<?>> futures = new ArrayList<>();
        for (Supplier<CompletableFuture<T>> task : List.copyOf(tasks)) {
            futures.add(task.get().thenAccept(values::add));
        }
        return CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).thenApply(v -> new ArrayList<>(values));
    }

    /** anyOf instead of allOf: done when the first task is. */
    static <T> CompletableFuture<List<T>> anyOf(List<Supplier<CompletableFuture<T>>> tasks) {
        List<CompletableFuture<T>> futures = new ArrayList<>();
        for (Supplier<CompletableFuture<T>> task : List.copyOf(tasks)) {
            futures.add(task.get());
        }
        if (futures.isEmpty()) {
            return CompletableFuture.completedFuture(new ArrayList<>());
        }
        return CompletableFuture.anyOf(futures.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
            List<T> values = new ArrayList<>();
            for (CompletableFuture<T> f : futures) {
                values.add(f.getNow(null));
            }
            return values;
        });
    }

    // ---------------------------------------------------------------- failures

    /** exceptionally(e -> null): a failure becomes a null in the list. */
    static <T> CompletableFuture<List<T>> swallowsFailures(List<Supplier<CompletableFuture<T>>> tasks) {
        List<Supplier<CompletableFuture<T>>> safe = new ArrayList<>();
        for (Supplier<CompletableFuture<T>> task : List.copyOf(tasks)) {
            safe.add(() -> {
                try {
                    return task.get().exceptionally(e -> null);
                } catch (RuntimeException e) {
                    return CompletableFuture.completedFuture(null);
                }
            });
        }
        return gather(safe);
    }

    /** allOf(...).thenApply(...): the failure arrives inside a CompletionException. */
    static <T> CompletableFuture<List<T>> wrapsFailures(List<Supplier<CompletableFuture<T>>> tasks) {
        List<CompletableFuture<T>> futures = new ArrayList<>();
        for (Supplier<CompletableFuture<T>> task : List.copyOf(tasks)) {
            CompletableFuture<T> f;
            try {
                f = task.get();
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(new CompletionException(e));
            }
            futures.add(f);
        }
        return CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
            List<T> values = new ArrayList<>();
            for (CompletableFuture<T> f : futures) {
                values.add(f.join());
            }
            return values;
        });
    }

    /** Counts successes and completes at n: a failure never completes it. */
    static <T> CompletableFuture<List<T>> hangsOnFailure(List<Supplier<CompletableFuture<T>>> tasks) {
        List<CompletableFuture<T>> futures = new ArrayList<>();
        for (Supplier<CompletableFuture<T>> task : List.copyOf(tasks)) {
            CompletableFuture<T> f;
            try {
                f = task.get();
            } catch (RuntimeException e) {
                f = new CompletableFuture<>(); // "deal with it later"
            }
            futures.add(f);
        }
        CompletableFuture<List<T>> result = new CompletableFuture<>();
        AtomicInteger done = new AtomicInteger();
        if (futures.isEmpty()) {
            result.complete(new ArrayList<>());
        }
        for (CompletableFuture<T> f : futures) {
            f.thenAccept(v -> {
                if (done.incrementAndGet() == futures.size()) {
                    List<T> values = new ArrayList<>();
                    futures.forEach(x -> values.add(x.join()));
                    result.complete(values);
                }
            });
        }
        return result;
    }

    /** Fails with an exception of its own. */
    static <T> CompletableFuture<List<T>> failsWithItsOwn(List<Supplier<CompletableFuture<T>>> tasks) {
        CompletableFuture<List<T>> result = new CompletableFuture<>();
        gather(tasks).whenComplete((v, e) -> {
            if (e != null) {
                result.completeExceptionally(new IllegalStateException("a task failed"));
            } else {
                result.complete(v);
            }
        });
        return result;
    }

    // ---------------------------------------------------------------- gatherWithin

    /** Forgets the timeout. */
    static <T> CompletableFuture<List<T>> ignoresTimeout(List<Supplier<CompletableFuture<T>>> tasks, Duration timeout) {
        Objects.requireNonNull(timeout);
        if (timeout.isNegative()) {
            throw new IllegalArgumentException();
        }
        return gather(tasks);
    }

    /** completeOnTimeout: a late task quietly becomes an empty result. */
    static <T> CompletableFuture<List<T>> completesOnTimeout(List<Supplier<CompletableFuture<T>>> tasks, Duration timeout) {
        Objects.requireNonNull(timeout);
        if (timeout.isNegative()) {
            throw new IllegalArgumentException();
        }
        return gather(tasks).completeOnTimeout(new ArrayList<>(), timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Waits for the result with get(timeout) inside gatherWithin: blocks the caller. */
    static <T> CompletableFuture<List<T>> waitsWithGet(List<Supplier<CompletableFuture<T>>> tasks, Duration timeout) {
        Objects.requireNonNull(timeout);
        if (timeout.isNegative()) {
            throw new IllegalArgumentException();
        }
        try {
            return CompletableFuture.completedFuture(gather(tasks).get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException | ExecutionException e) {
            return CompletableFuture.failedFuture(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
    }

    // ---------------------------------------------------------------- no tasks, bad arguments

    /** Completes when the count of finished tasks reaches n: with no tasks, that never happens. */
    static <T> CompletableFuture<List<T>> emptyNeverCompletes(List<Supplier<CompletableFuture<T>>> tasks) {
        List<CompletableFuture<T>> futures = new ArrayList<>();
        for (Supplier<CompletableFuture<T>> task : List.copyOf(tasks)) {
            futures.add(task.get());
        }
        CompletableFuture<List<T>> result = new CompletableFuture<>();
        AtomicInteger done = new AtomicInteger();
        for (CompletableFuture<T> f : futures) {
            f.whenComplete((v, e) -> {
                if (e != null) {
                    result.completeExceptionally(unwrap(e));
                } else if (done.incrementAndGet() == futures.size()) {
                    List<T> values = new ArrayList<>();
                    futures.forEach(x -> values.add(x.join()));
                    result.complete(values);
                }
            });
        }
        return result;
    }

    /** Returns null when there is nothing to do. */
    static <T> CompletableFuture<List<T>> emptyIsNull(List<Supplier<CompletableFuture<T>>> tasks) {
        return tasks.isEmpty() ? null : gather(tasks);
    }

    /** The same, for gatherWithin. */
    static <T> CompletableFuture<List<T>> emptyNeverCompletesWithin(List<Supplier<CompletableFuture<T>>> tasks, Duration timeout) {
        Objects.requireNonNull(timeout);
        return emptyNeverCompletes(tasks);
    }

    /** No checks: a null task is only found when it is called; a negative timeout is passed on. */
    static <T> CompletableFuture<List<T>> gatherWithinNoChecks(List<Supplier<CompletableFuture<T>>> tasks, Duration timeout) {
        return gather(tasks).orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Reports bad arguments through the future instead of throwing. */
    static <T> CompletableFuture<List<T>> argumentsThroughFuture(List<Supplier<CompletableFuture<T>>> tasks) {
        if (tasks == null || tasks.contains(null)) {
            return CompletableFuture.failedFuture(new NullPointerException("tasks"));
        }
        return gather(tasks);
    }
}
