package lab.grader.threads;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Versions of Threads.startNamed and Threads.runAllAndWait with the mistakes students make, and a
 * correct one to prove the checks accept right code. Canaries only: never graded.
 */
final class BrokenThreads {
    private BrokenThreads() {
    }

    // ---------------------------------------------------------------- startNamed

    /** Correct: the reference shape. */
    static Thread startNamed(String name, Runnable task) {
        Objects.requireNonNull(name);
        Objects.requireNonNull(task);
        Thread t = new Thread(task, name);
        t.setDaemon(false);
        t.start();
        return t;
    }

    /** thread.run() instead of start(): the task runs on the caller. */
    static Thread runsOnCaller(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.run(); // SpotBugs: RU_INVOKE_RUN
        return t;
    }

    /** Forgets start(). */
    static Thread forgetsStart(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(false);
        return t;
    }

    /** "Daemon threads are the background ones, that is what I want." */
    static Thread makesDaemon(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Ignores the name. */
    static Thread ignoresName(String name, Runnable task) {
        Thread t = new Thread(task);
        t.start();
        return t;
    }

    /** Never says setDaemon(false): inherits the flag from a daemon caller. */
    static Thread inheritsDaemon(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.start();
        return t;
    }

    /** Sets the name after start() (here after the task even ran, to make the race certain). */
    static Thread namesAfterStart(String name, Runnable task) {
        Thread t = new Thread(task);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        t.setName(name);
        return t;
    }

    /** Starts the task twice: once on a thread of its own, once on the named one. */
    static Thread startsTwice(String name, Runnable task) {
        new Thread(task).start();
        Thread t = new Thread(task, name);
        t.start();
        return t;
    }

    /** new Thread(name): a thread with no task at all. */
    static Thread forgetsTheTask(String name, Runnable task) {
        Thread t = new Thread(name);
        t.start();
        return t;
    }

    // ---------------------------------------------------------------- runAllAndWait

    /** Correct: start all, join all, rethrow the first failure after all have ended. */
    static void runAll(List<Runnable> tasks) throws InterruptedException {
        List<Runnable> work = List.copyOf(tasks);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (Runnable task : work) {
            Thread t = new Thread(() -> {
                try {
                    task.run();
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            t.setDaemon(false);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        rethrow(failure.get());
    }

    /** Runs the tasks on a pool that is shut down only after every get(): interrupted, it leaves the pool's threads behind. */
    static void poolLeftOnInterrupt(List<Runnable> tasks) throws InterruptedException {
        List<Runnable> work = List.copyOf(tasks);
        if (work.isEmpty()) {
            return;
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(work.size());
        List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
        for (Runnable task : work) {
            futures.add(pool.submit(task));
        }
        for (java.util.concurrent.Future<?> f : futures) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                rethrow(e.getCause());
            }
        }
        pool.shutdown();
    }

    private static void rethrow(Throwable failure) {
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
    }

    private static Thread catching(Runnable task, AtomicReference<Throwable> failure) {
        return new Thread(() -> {
            try {
                task.run();
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        });
    }

    /** start(); join(); in one loop: one at a time. */
    static void oneAtATime(List<Runnable> tasks) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (Runnable task : List.copyOf(tasks)) {
            Thread t = catching(task, failure);
            t.start();
            t.join();
        }
        rethrow(failure.get());
    }

    /** task.run() in a loop: everything on the caller. */
    static void onCaller(List<Runnable> tasks) {
        for (Runnable task : List.copyOf(tasks)) {
            task.run();
        }
    }

    /** Starts them all and returns: no join. */
    static void noJoin(List<Runnable> tasks) {
        for (Runnable task : List.copyOf(tasks)) {
            new Thread(task).start();
        }
    }

    /** Joins only the last thread ("it was started last, so it ends last"). */
    static void joinsOnlyLast(List<Runnable> tasks) throws InterruptedException {
        Thread last = null;
        for (Runnable task : List.copyOf(tasks)) {
            last = new Thread(task);
            last.start();
        }
        if (last != null) {
            last.join();
        }
    }

    /** Joins only the first thread. */
    static void joinsOnlyFirst(List<Runnable> tasks) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (Runnable task : List.copyOf(tasks)) {
            Thread t = new Thread(task);
            t.start();
            threads.add(t);
        }
        if (!threads.isEmpty()) {
            threads.get(0).join();
        }
    }

    /** A fixed pool of two threads: never more than two tasks at once. */
    static void poolOfTwo(List<Runnable> tasks) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        for (Runnable task : List.copyOf(tasks)) {
            pool.execute(task);
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
    }

    /** Starts and joins everything, but a task's exception goes to the console and is forgotten. */
    static void swallows(List<Runnable> tasks) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (Runnable task : List.copyOf(tasks)) {
            Thread t = new Thread(() -> {
                try {
                    task.run();
                } catch (Throwable ignored) {
                    // "handled"
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    /** Joins in order and throws as soon as a joined thread has failed, while later ones still run. */
    static void rethrowsEarly(List<Runnable> tasks) throws InterruptedException {
        List<Runnable> work = List.copyOf(tasks);
        List<AtomicReference<Throwable>> failures = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (Runnable task : work) {
            AtomicReference<Throwable> f = new AtomicReference<>();
            failures.add(f);
            Thread t = catching(task, f);
            t.start();
            threads.add(t);
        }
        for (int i = 0; i < threads.size(); i++) {
            threads.get(i).join();
            rethrow(failures.get(i).get());
        }
    }

    /** Waits for all, then wraps the failure in a new exception. */
    static void wraps(List<Runnable> tasks) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (Runnable task : List.copyOf(tasks)) {
            Thread t = catching(task, failure);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            throw new RuntimeException("a task failed", failure.get());
        }
    }

    /** Waits for all, then throws an exception of its own. */
    static void throwsItsOwn(List<Runnable> tasks) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (Runnable task : List.copyOf(tasks)) {
            Thread t = catching(task, failure);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("some task failed");
        }
    }

    /** Checks each task just before starting it: the first ones are already running at the null. */
    static void startsBeforeNullCheck(List<Runnable> tasks) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (Runnable task : tasks) {
            Thread t = new Thread(Objects.requireNonNull(task));
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    /** No argument checks anywhere: new Thread(null) is legal and runs nothing. */
    static Thread startNamedNoChecks(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.start();
        return t;
    }

    /** Keeps joining when interrupted. */
    static void ignoresInterrupts(List<Runnable> tasks) {
        List<Thread> threads = new ArrayList<>();
        for (Runnable task : List.copyOf(tasks)) {
            Thread t = new Thread(task);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    // try again
                }
            }
        }
    }

    /** Remembers the interrupt, keeps waiting, and throws only at the end. */
    static void interruptedLate(List<Runnable> tasks) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (Runnable task : List.copyOf(tasks)) {
            Thread t = new Thread(task);
            t.start();
            threads.add(t);
        }
        InterruptedException seen = null;
        for (Thread t : threads) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    seen = e;
                }
            }
        }
        if (seen != null) {
            throw seen;
        }
    }

    /** Turns the interrupt into an unchecked exception. */
    static void wrapsInterrupt(List<Runnable> tasks) {
        try {
            runAll(tasks);
        } catch (InterruptedException e) {
            throw new RuntimeException(e);
        }
    }

    /** Waits by spinning on isAlive() and the interrupt flag: interruptible, but a core burnt while it waits. */
    static void spinsOnIsAlive(List<Runnable> tasks) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (Runnable task : List.copyOf(tasks)) {
            threads.add(new Thread(task));
        }
        threads.forEach(Thread::start);
        while (threads.stream().anyMatch(Thread::isAlive)) {
            if (Thread.interrupted()) {
                threads.forEach(Thread::interrupt);
                throw new InterruptedException();
            }
        }
    }
}
