package lab.grader.counter;

import java.util.ArrayList;
import java.util.List;
import lab.counter.Counter;

/** Versions of CounterRun.incrementConcurrently with the mistakes students make. Canaries only. */
final class BrokenRuns {
    private BrokenRuns() {
    }

    private static List<Thread> workers(Counter counter, int threads, int increments) {
        List<Thread> list = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            list.add(new Thread(() -> {
                for (int i = 0; i < increments; i++) {
                    counter.increment();
                }
            }));
        }
        return list;
    }

    private static void check(Counter counter, int threads, int increments) {
        if (counter == null) {
            throw new NullPointerException("counter");
        }
        if (threads < 1 || increments < 0) {
            throw new IllegalArgumentException("bad arguments");
        }
    }

    /** Starts the threads and reads at once: no join. */
    static long noJoin(Counter counter, int threads, int increments) {
        check(counter, threads, increments);
        workers(counter, threads, increments).forEach(Thread::start);
        return counter.get();
    }

    /** Reads, then joins: the value returned was read too early. */
    static long readsThenJoins(Counter counter, int threads, int increments) throws InterruptedException {
        check(counter, threads, increments);
        List<Thread> ws = workers(counter, threads, increments);
        ws.forEach(Thread::start);
        long value = counter.get();
        for (Thread w : ws) {
            w.join();
        }
        return value;
    }

    /** Does the increments itself, on the caller's thread. */
    static long onCaller(Counter counter, int threads, int increments) {
        check(counter, threads, increments);
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < increments; i++) {
                counter.increment();
            }
        }
        return counter.get();
    }

    /** start(); join(); in one loop: each thread finishes before the next starts. */
    static long oneAtATime(Counter counter, int threads, int increments) throws InterruptedException {
        check(counter, threads, increments);
        for (Thread w : workers(counter, threads, increments)) {
            w.start();
            w.join();
        }
        return counter.get();
    }

    /** Off by one: one thread fewer, the missing share done by the last thread. */
    static long oneThreadShort(Counter counter, int threads, int increments) throws InterruptedException {
        check(counter, threads, increments);
        int n = Math.max(1, threads - 1);
        List<Thread> ws = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            int share = t == n - 1 ? increments * (threads - n + 1) : increments;
            ws.add(new Thread(() -> {
                for (int i = 0; i < share; i++) {
                    counter.increment();
                }
            }));
        }
        ws.forEach(Thread::start);
        for (Thread w : ws) {
            w.join();
        }
        return counter.get();
    }

    /** Correct total, but a "progress monitor" thread it started never ends. */
    static long leavesMonitorThread(Counter counter, int threads, int increments) throws InterruptedException {
        check(counter, threads, increments);
        Thread monitor = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException swallowed) {
                    // the classic mistake: interrupt swallowed, loop goes on
                }
            }
        }, "progress-monitor");
        monitor.start();
        List<Thread> ws = workers(counter, threads, increments);
        ws.forEach(Thread::start);
        for (Thread w : ws) {
            w.join();
        }
        return counter.get();
    }

    /** Works, but never checks its arguments. */
    static long noArgumentChecks(Counter counter, int threads, int increments) throws InterruptedException {
        List<Thread> ws = workers(counter, Math.max(0, threads), Math.max(0, increments));
        ws.forEach(Thread::start);
        for (Thread w : ws) {
            w.join();
        }
        return counter == null ? 0 : counter.get();
    }

    /** Ignores incrementsPerThread: the seed's 100,000 hard-coded... scaled to what it was first called with. */
    static long hardCodedIncrements(Counter counter, int threads, int increments) throws InterruptedException {
        check(counter, threads, increments);
        List<Thread> ws = workers(counter, threads, 1000);
        ws.forEach(Thread::start);
        for (Thread w : ws) {
            w.join();
        }
        return counter.get();
    }

    // ------------------------------------------------------------ waiting (issue 17, item 4)

    /** Waits for its pool by spinning on isTerminated(): a core burnt, an interrupt never seen. */
    static long spinsOnIsTerminated(Counter counter, int threads, int increments) {
        check(counter, threads, increments);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            pool.execute(() -> {
                for (int i = 0; i < increments; i++) {
                    counter.increment();
                }
            });
        }
        pool.shutdown();
        while (!pool.isTerminated()) {
            // waiting
        }
        return counter.get();
    }

    /** Waits by sleeping in a loop on isAlive(); an interrupt ends the sleep, so it is interruptible. */
    static long sleepPollsIsAlive(Counter counter, int threads, int increments) throws InterruptedException {
        check(counter, threads, increments);
        List<Thread> ws = workers(counter, threads, increments);
        ws.forEach(Thread::start);
        while (ws.stream().anyMatch(Thread::isAlive)) {
            Thread.sleep(5);
        }
        return counter.get();
    }

    /** Catches the InterruptedException from join() and joins again: the interrupt is swallowed. */
    static long swallowsInterrupt(Counter counter, int threads, int increments) {
        check(counter, threads, increments);
        List<Thread> ws = workers(counter, threads, increments);
        ws.forEach(Thread::start);
        for (Thread w : ws) {
            while (w.isAlive()) {
                try {
                    w.join();
                } catch (InterruptedException e) {
                    // "cannot happen"
                }
            }
        }
        return counter.get();
    }

    /** Returns the count so far when interrupted, without throwing. */
    static long returnsOnInterrupt(Counter counter, int threads, int increments) {
        check(counter, threads, increments);
        List<Thread> ws = workers(counter, threads, increments);
        ws.forEach(Thread::start);
        try {
            for (Thread w : ws) {
                w.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return counter.get();
    }

    /** A pool shut down only on the happy path: interrupted in get(), it throws and leaves the pool's threads waiting forever. */
    static long poolLeftOnInterrupt(Counter counter, int threads, int increments) throws InterruptedException {
        check(counter, threads, increments);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        List<java.util.concurrent.Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            fs.add(pool.submit(() -> {
                for (int i = 0; i < increments; i++) {
                    counter.increment();
                }
            }));
        }
        for (java.util.concurrent.Future<?> f : fs) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
        pool.shutdown();
        return counter.get();
    }

    /** Correct: a pool shut down in finally, awaitTermination to wait (blocks, throws InterruptedException). */
    static long poolWithAwaitTermination(Counter counter, int threads, int increments) throws InterruptedException {
        check(counter, threads, increments);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            for (int t = 0; t < threads; t++) {
                pool.execute(() -> {
                    for (int i = 0; i < increments; i++) {
                        counter.increment();
                    }
                });
            }
        } finally {
            pool.shutdown();
        }
        try {
            while (!pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES)) {
                // keep waiting: blocked, not spinning
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            throw e;
        }
        return counter.get();
    }
}
