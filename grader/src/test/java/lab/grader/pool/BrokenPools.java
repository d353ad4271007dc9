package lab.grader.pool;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Known-broken versions of {@code ParallelMap.map}, one per mistake students make, plus a correct
 * one. Each is plugged into the pool checks by the canary test.
 */
final class BrokenPools {
    private BrokenPools() {
    }

    static void check(Function<?, ?> fn, List<?> inputs, int workers) {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(inputs, "inputs");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
    }

    static void await(ExecutorService pool) throws InterruptedException {
        while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
            // keep waiting
        }
    }

    /**
     * The shape of a correct map with a pluggable pool size: submit all, get in order, shutdown in
     * finally (shutdownNow + await on failure).
     */
    static <T, R> List<R> withPool(Function<? super T, ? extends R> fn, List<T> inputs, ExecutorService pool)
            throws InterruptedException, ExecutionException {
        boolean ok = false;
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T x : inputs) {
                futures.add(pool.submit(() -> fn.apply(x)));
            }
            List<R> out = new ArrayList<>();
            for (Future<R> f : futures) {
                out.add(f.get());
            }
            ok = true;
            return out;
        } finally {
            if (ok) {
                pool.shutdown();
            } else {
                pool.shutdownNow();
            }
            await(pool);
        }
    }

    /** Correct: a fixed pool of min(workers, n), submit all, get in order, shut down on every path. */
    static <T, R> List<R> correct(Function<? super T, ? extends R> fn, List<T> inputs, int workers)
            throws InterruptedException, ExecutionException {
        check(fn, inputs, workers);
        if (inputs.isEmpty()) {
            return new ArrayList<>();
        }
        return withPool(fn, inputs, Executors.newFixedThreadPool(Math.min(workers, inputs.size())));
    }

    /** Also correct: invokeAll on a fixed pool (the futures come back in submission order). */
    static <T, R> List<R> withInvokeAll(Function<? super T, ? extends R> fn, List<T> inputs, int workers)
            throws InterruptedException, ExecutionException {
        check(fn, inputs, workers);
        if (inputs.isEmpty()) {
            return new ArrayList<>();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, inputs.size()));
        try {
            List<java.util.concurrent.Callable<R>> calls = new ArrayList<>();
            for (T x : inputs) {
                calls.add(() -> fn.apply(x));
            }
            List<R> out = new ArrayList<>();
            for (Future<R> f : pool.invokeAll(calls)) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
            await(pool);
        }
    }

    // ------------------------------------------------------------ concurrency

    /** No pool at all: every call on the caller, one after another. */
    static <T, R> List<R> sequentialOnCaller(Function<? super T, ? extends R> fn, List<T> inputs, int workers) {
        check(fn, inputs, workers);
        List<R> out = new ArrayList<>();
        for (T x : inputs) {
            out.add(fn.apply(x));
        }
        return out;
    }

    /** submit(...).get() in one loop: a pool that runs one call at a time. */
    static <T, R> List<R> submitThenGet(Function<? super T, ? extends R> fn, List<T> inputs, int workers)
            throws InterruptedException, ExecutionException {
        check(fn, inputs, workers);
        if (inputs.isEmpty()) {
            return new ArrayList<>();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, inputs.size()));
        try {
            List<R> out = new ArrayList<>();
            for (T x : inputs) {
                out.add(pool.submit(() -> fn.apply(x)).get());
            }
            return out;
        } finally {
            pool.shutdownNow();
            await(pool);
        }
    }

    /** newCachedThreadPool(): grows a thread for every waiting call, ignoring workers. */
    static <T, R> List<R> cachedPool(Function<? super T, ? extends R> fn, List<T> inputs, int workers)
            throws InterruptedException, ExecutionException {
        check(fn, inputs, workers);
        if (inputs.isEmpty()) {
            return new ArrayList<>();
        }
        return withPool(fn, inputs, Executors.newCachedThreadPool());
    }

    /** A new thread per input, all started, then joined. */
    static <T, R> List<R> threadPerInput(Function<? super T, ? extends R> fn, List<T> inputs, int workers)
            throws InterruptedException, ExecutionException {
        check(fn, inputs, workers);
        Object[] results = new Object[inputs.size()];
        Throwable[] failures = new Throwable[inputs.size()];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            int slot = i;
            Thread t = new Thread(() -> {
                try {
                    results[slot] = fn.apply(inputs.get(slot));
                } catch (Throwable e) {
                    failures[slot] = e;
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        List<R> out = new ArrayList<>();
        for (int i = 0; i < results.length; i++) {
            if (failures[i] != null) {
                throw new ExecutionException(failures[i]);
            }
            @SuppressWarnings("unchecked")
            R r = (R) results[i];
            out.add(r);
        }
        return out;
    }

    /** Off by one: a pool one thread smaller than asked (at least 1). */
    static <T, R> List<R> oneWorkerShort(Function<? super T, ? extends R> fn, List<T> inputs, int workers)
            throws InterruptedException, ExecutionException {
        check(fn, inputs, workers);
        if (inputs.isEmpty()) {
            return new ArrayList<>();
        }
        return withPool(fn, inputs, Executors.newFixedThreadPool(Math.max(1, Math.min(workers, inputs.size()) - 1)));
    }

    /** Off by one: workers + 1 threads ("one for the caller" confusion). */
    static <T, R> List<R> oneWorkerExtra(Function<? super T, ? extends R> fn, List<T> inputs, int workers)
            throws InterruptedException, ExecutionException {
        check(fn, inputs, workers);
        if (inputs.isEmpty()) {
            return new ArrayList<>();
        }
        return withPool(fn, inputs, Executors.newFixedThreadPool(workers + 1));
    }

    /** Ignores workers: a pool as big as the machine's cores. */
    static <T, R> List<R> coresNotWorkers(Function<? super T, ? extends R> fn, List<T> inputs, int workers)
            throws InterruptedException, ExecutionException {
        check(fn, inputs, workers);
        if (inputs.isEmpty()) {
            return new ArrayList<>();
        }
        return withPool(fn, inputs, Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors()));
    }

    // ------------------------------------------------------------ results

    /** Results added to a shared list as the calls finish: completion order. */
    static <T, R> List<R> completionOrder(Function<? super T, ? extends R> fn, List<T> inputs, int workers)
            throws InterruptedException, ExecutionException {
        check(fn, inputs, workers);
        if (inputs.isEmpty()) {
            return new ArrayList<>();
        }
        List<R> out = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, inputs.size()));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (T x : inputs) {
                futures.add(pool.submit(() -> {
                    out.add(fn.apply(x));
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
            await(pool);
        }
        return new ArrayList<>(out);
    }

    /** An ExecutorCompletionService, its results taken in the order they complete. */
    static <T, R> List<R> completionService(Function<? super T, ? extends R> fn, List<T> inputs, int workers)
            throws InterruptedException, ExecutionException {
        check(fn, inputs, workers);
        if (inputs.isEmpty()) {
            return new ArrayList<>();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, inputs.size()));
        try {
            CompletionService<R> done = new ExecutorCompletionService<>(pool);
            for (T x : inputs) {
                done.submit(() -> fn.apply(x));
            }
            List<R> out = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                out.add(done.take().get());
            }
            return out;
        } finally {
            pool.shutdownNow();
            await(pool);
        }
    }

    /** Collects with List.copyOf, which rejects the null that fn may return. */
    static <T, R> List<R> listCopyOf(Function<? super T, ? extends R> fn, List<T> inputs, int workers)
            throws InterruptedException, ExecutionException {
        return List.copyOf(correct(fn, inputs, workers));
    }

    /** Loses the last result (a loop bound off by one). */
    static <T, R> List<R> dropsLast(Function<? super T, ? extends R> fn, List<T> inputs, int workers)
            throws InterruptedException, ExecutionException {
        List<R> all = correct(fn, inputs, workers);
        return all.isEmpty() ? all : new ArrayList<>(all.subList(0, all.size() - 1));
    }

    /** "Tries" fn on the first input on the caller before starting the pool: calls fn twice for it. */
    static <T, R> List<R> triesFirstOnCaller(Function<? super T, ? extends R> fn, List<T> inputs, int workers)
            throws InterruptedException, ExecutionException {
        check(fn, inputs, workers);
        if (!inputs.isEmpty()) {
            fn.apply(inputs.get(0));
        }
        return correct(fn, inputs, workers);
    }

    // ------------------------------------------------------------ failures

    /** catch (ExecutionException e) { add null }: the failure is swallowed. */
    static <T, R> List<R> swallowsFailure(Function<? super T, ? extends R> fn, List<T> inputs, int workers)
            throws InterruptedException {
        check(fn, inputs, workers);
        if (inputs.isEmpty()) {
            return new ArrayList<>();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, inputs.size()));
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T x : inputs) {
                futures.add(pool.submit(() -> fn.apply(x)));
            }
            List<R> out = new ArrayList<>();
            for (Future<R> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    out.add(null);
                }
            }
            return out;
        } finally {
            pool.shutdown();
            await(pool);
        }
    }

    /** Rethrows as a RuntimeException wrapping the ExecutionException. */
    static <T, R> List<R> rethrowsAsRuntime(Function<? super T, ? extends R> fn, List<T> inputs, int workers)
            throws InterruptedException {
        try {
            return correct(fn, inputs, workers);
        } catch (ExecutionException e) {
            throw new RuntimeException("a call failed", e);
        }
    }

    /** Rethrows the cause itself, unwrapped. */
    static <T, R> List<R> unwrapsCause(Function<? super T, ? extends R> fn, List<T> inputs, int workers)
            throws InterruptedException {
        try {
            return correct(fn, inputs, workers);
        } catch (ExecutionException e) {
            throw (RuntimeException) e.getCause();
        }
    }

    /** new ExecutionException(e): the real cause one level deeper. */
    static <T, R> List<R> wrapsTwice(Function<? super T, ? extends R> fn, List<T> inputs, int workers)
            throws InterruptedException, ExecutionException {
        try {
            return correct(fn, inputs, workers);
        } catch (ExecutionException e) {
            throw new ExecutionException("map failed", e);
        }
    }

    // ------------------------------------------------------------ shutdown

    /** Never shuts the pool down: its threads outlive the call. */
    static <T, R> List<R> neverShutsDown(Function<? super T, ? extends R> fn, List<T> inputs, int workers)
            throws InterruptedException, ExecutionException {
        check(fn, inputs, workers);
        if (inputs.isEmpty()) {
            return new ArrayList<>();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, inputs.size()));
        List<Future<R>> futures = new ArrayList<>();
        for (T x : inputs) {
            futures.add(pool.submit(() -> fn.apply(x)));
        }
        List<R> out = new ArrayList<>();
        for (Future<R> f : futures) {
            out.add(f.get());
        }
        return out;
    }

    /**
     * One static pool for every call, never shut down. Its threads start during the first call (an
     * earlier check), so a leak check that only counts threads started since its snapshot misses them.
     */
    static <T, R> List<R> staticPool(Function<? super T, ? extends R> fn, List<T> inputs, int workers)
            throws InterruptedException, ExecutionException {
        check(fn, inputs, workers);
        List<Future<R>> futures = new ArrayList<>();
        for (T x : inputs) {
            futures.add(StaticPoolHolder.POOL.submit(() -> fn.apply(x)));
        }
        List<R> out = new ArrayList<>();
        for (Future<R> f : futures) {
            out.add(f.get());
        }
        return out;
    }

    private static final class StaticPoolHolder {
        static final ExecutorService POOL = Executors.newFixedThreadPool(4);
    }

    /** shutdown() after the get loop, not in finally: a failure skips it. */
    static <T, R> List<R> shutdownOnlyOnSuccess(Function<? super T, ? extends R> fn, List<T> inputs, int workers)
            throws InterruptedException, ExecutionException {
        check(fn, inputs, workers);
        if (inputs.isEmpty()) {
            return new ArrayList<>();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, inputs.size()));
        List<Future<R>> futures = new ArrayList<>();
        for (T x : inputs) {
            futures.add(pool.submit(() -> fn.apply(x)));
        }
        List<R> out = new ArrayList<>();
        for (Future<R> f : futures) {
            out.add(f.get());
        }
        pool.shutdown();
        await(pool);
        return out;
    }

    /** On failure shutdownNow() and throw at once: calls that ignore the interrupt are still running. */
    static <T, R> List<R> shutdownNowWithoutAwait(Function<? super T, ? extends R> fn, List<T> inputs, int workers)
            throws InterruptedException, ExecutionException {
        check(fn, inputs, workers);
        if (inputs.isEmpty()) {
            return new ArrayList<>();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, inputs.size()));
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T x : inputs) {
                futures.add(pool.submit(() -> fn.apply(x)));
            }
            List<R> out = new ArrayList<>();
            for (Future<R> f : futures) {
                out.add(f.get());
            }
            pool.shutdown();
            await(pool);
            return out;
        } finally {
            pool.shutdownNow(); // no awaitTermination
        }
    }

    // ------------------------------------------------------------ interrupted while waiting

    /** The shape of the interrupt canaries: a fixed pool, submit all, get in order; onInterrupt decides. */
    interface OnInterrupt {
        <R> List<R> handle(InterruptedException e, ExecutorService pool, List<Future<R>> futures, List<R> soFar)
                throws InterruptedException, ExecutionException;
    }

    static <T, R> List<R> interruptedBy(Function<? super T, ? extends R> fn, List<T> inputs, int workers, OnInterrupt how)
            throws InterruptedException, ExecutionException {
        check(fn, inputs, workers);
        if (inputs.isEmpty()) {
            return new ArrayList<>();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, inputs.size()));
        List<Future<R>> futures = new ArrayList<>();
        for (T x : inputs) {
            futures.add(pool.submit(() -> fn.apply(x)));
        }
        List<R> out = new ArrayList<>();
        try {
            for (Future<R> f : futures) {
                out.add(f.get());
            }
        } catch (InterruptedException e) {
            return how.handle(e, pool, futures, out);
        }
        pool.shutdown();
        await(pool);
        return out;
    }

    /** Catches the interrupt and waits again: for every call, as if nothing happened. */
    static <T, R> List<R> ignoresInterrupt(Function<? super T, ? extends R> fn, List<T> inputs, int workers)
            throws InterruptedException, ExecutionException {
        return interruptedBy(fn, inputs, workers, new OnInterrupt() {
            @Override
            public <X> List<X> handle(InterruptedException e, ExecutorService pool, List<Future<X>> futures, List<X> soFar)
                    throws ExecutionException {
                List<X> out = new ArrayList<>();
                for (Future<X> f : futures) {
                    while (true) {
                        try {
                            out.add(f.get());
                            break;
                        } catch (InterruptedException again) {
                            // keep waiting
                        }
                    }
                }
                pool.shutdown();
                return out;
            }
        });
    }

    /** Swallows the interrupt and returns what it has so far. */
    static <T, R> List<R> swallowsInterrupt(Function<? super T, ? extends R> fn, List<T> inputs, int workers)
            throws InterruptedException, ExecutionException {
        return interruptedBy(fn, inputs, workers, new OnInterrupt() {
            @Override
            public <X> List<X> handle(InterruptedException e, ExecutorService pool, List<Future<X>> futures, List<X> soFar) {
                pool.shutdownNow();
                return soFar;
            }
        });
    }

    /** Wraps the interrupt in a RuntimeException. */
    static <T, R> List<R> wrapsInterrupt(Function<? super T, ? extends R> fn, List<T> inputs, int workers)
            throws InterruptedException, ExecutionException {
        return interruptedBy(fn, inputs, workers, new OnInterrupt() {
            @Override
            public <X> List<X> handle(InterruptedException e, ExecutorService pool, List<Future<X>> futures, List<X> soFar) {
                pool.shutdownNow();
                throw new RuntimeException(e);
            }
        });
    }

    /** Remembers the interrupt, waits for every call to finish, and only then throws it. */
    static <T, R> List<R> throwsInterruptLate(Function<? super T, ? extends R> fn, List<T> inputs, int workers)
            throws InterruptedException, ExecutionException {
        return interruptedBy(fn, inputs, workers, new OnInterrupt() {
            @Override
            public <X> List<X> handle(InterruptedException e, ExecutorService pool, List<Future<X>> futures, List<X> soFar)
                    throws InterruptedException {
                pool.shutdown();
                await(pool);
                throw e;
            }
        });
    }

    /** Throws InterruptedException at once, but only shutdown(): the running and queued calls go on. */
    static <T, R> List<R> interruptLeavesPoolRunning(Function<? super T, ? extends R> fn, List<T> inputs, int workers)
            throws InterruptedException, ExecutionException {
        return interruptedBy(fn, inputs, workers, new OnInterrupt() {
            @Override
            public <X> List<X> handle(InterruptedException e, ExecutorService pool, List<Future<X>> futures, List<X> soFar)
                    throws InterruptedException {
                pool.shutdown();
                throw e;
            }
        });
    }

    // ------------------------------------------------------------ empty inputs, arguments

    /** A hand-rolled pool: starts its worker threads before looking at the inputs, even when there are none. */
    static <T, R> List<R> emptyStartsThreads(Function<? super T, ? extends R> fn, List<T> inputs, int workers)
            throws InterruptedException, ExecutionException {
        check(fn, inputs, workers);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>());
        pool.prestartAllCoreThreads();
        if (inputs.isEmpty()) {
            pool.shutdown();
            await(pool);
            return new ArrayList<>();
        }
        return withPool(fn, inputs, pool);
    }

    /** No empty check: newFixedThreadPool(min(workers, 0)) throws IllegalArgumentException. */
    static <T, R> List<R> emptyFails(Function<? super T, ? extends R> fn, List<T> inputs, int workers)
            throws InterruptedException, ExecutionException {
        check(fn, inputs, workers);
        return withPool(fn, inputs, Executors.newFixedThreadPool(Math.min(workers, inputs.size())));
    }

    /** Never checks its arguments: workers below 1 quietly becomes 1. */
    static <T, R> List<R> noArgumentChecks(Function<? super T, ? extends R> fn, List<T> inputs, int workers)
            throws InterruptedException, ExecutionException {
        if (inputs == null || inputs.isEmpty()) {
            return new ArrayList<>();
        }
        return withPool(fn, inputs, Executors.newFixedThreadPool(Math.max(1, Math.min(workers, inputs.size()))));
    }

    // ------------------------------------------------------------ waiting (issue 17, item 4)

    /** Waits for its futures by spinning on isDone(), checking the interrupt flag: interruptible, but a core burnt. */
    static <T, R> List<R> spinsOnIsDone(Function<? super T, ? extends R> fn, List<T> inputs, int workers)
            throws InterruptedException, ExecutionException {
        check(fn, inputs, workers);
        if (inputs.isEmpty()) {
            return new ArrayList<>();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, inputs.size()));
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T x : inputs) {
                futures.add(pool.submit(() -> fn.apply(x)));
            }
            while (!futures.stream().allMatch(Future::isDone)) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
            List<R> out = new ArrayList<>();
            for (Future<R> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
            await(pool);
        }
    }

    /**
     * No executor, no futures: worker threads take inputs by index, and the caller joins them,
     * catching InterruptedException and joining again. Its report must not talk about Future.get()
     * or shutdownNow(), which it does not use (issue 17, feedback).
     */
    static <T, R> List<R> threadsIgnoreInterrupt(Function<? super T, ? extends R> fn, List<T> inputs, int workers)
            throws InterruptedException, ExecutionException {
        check(fn, inputs, workers);
        List<T> in = List.copyOf(inputs);
        Object[] out = new Object[in.size()];
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < Math.min(workers, in.size()); w++) {
            threads.add(new Thread(() -> {
                for (int i = next.getAndIncrement(); i < in.size(); i = next.getAndIncrement()) {
                    try {
                        out[i] = fn.apply(in.get(i));
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    // "keep waiting, the results are needed"
                }
            }
        }
        if (failure.get() != null) {
            throw new ExecutionException(failure.get());
        }
        List<R> result = new ArrayList<>();
        for (Object o : out) {
            @SuppressWarnings("unchecked")
            R r = (R) o;
            result.add(r);
        }
        return result;
    }

    /**
     * A hand-made pool whose workers run each call while holding the work queue's monitor: all the
     * threads are there, and every call is submitted first, yet one call runs at a time. The
     * advice "submit every input first, run the calls on pool threads" would be wrong here.
     */
    static <T, R> List<R> runsTasksUnderQueueLock(Function<? super T, ? extends R> fn, List<T> inputs, int workers)
            throws InterruptedException, ExecutionException {
        check(fn, inputs, workers);
        List<T> in = List.copyOf(inputs);
        Object[] out = new Object[in.size()];
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.ArrayDeque<Runnable> queue = new java.util.ArrayDeque<>();
        for (int i = 0; i < in.size(); i++) {
            int index = i;
            queue.add(() -> {
                try {
                    out[index] = fn.apply(in.get(index));
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            });
        }
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < Math.min(workers, in.size()); w++) {
            threads.add(new Thread(() -> {
                while (true) {
                    synchronized (queue) {
                        Runnable next = queue.poll();
                        if (next == null) {
                            return;
                        }
                        next.run(); // the mistake: the call runs with the queue's monitor held
                    }
                }
            }, "queue-worker-" + w));
        }
        threads.forEach(Thread::start);
        try {
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            threads.forEach(Thread::interrupt);
            throw e;
        }
        if (failure.get() != null) {
            throw new ExecutionException(failure.get());
        }
        List<R> result = new ArrayList<>();
        for (Object o : out) {
            @SuppressWarnings("unchecked")
            R r = (R) o;
            result.add(r);
        }
        return result;
    }
}
