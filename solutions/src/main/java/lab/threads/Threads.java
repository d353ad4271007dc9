package lab.threads;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reference solution for the {@code threads} exercise: start a thread, and run several tasks at
 * the same time while the caller waits for all of them (Python's {@code t.start()} / {@code t.join()}).
 *
 * <p>See the lesson: <a href="01-threads.md">01-threads.md</a>
 */
public final class Threads {

    private Threads() {
        // static helpers only
    }

    /**
     * Starts {@code task} on a new, non-daemon thread called {@code name} and returns that thread.
     *
     * @param name the new thread's name
     * @param task what the new thread runs
     * @return the thread, already started
     * @throws NullPointerException if {@code name} or {@code task} is null
     */
    public static Thread startNamed(String name, Runnable task) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(task, "task");
        Thread thread = new Thread(task, name);
        // A new thread inherits daemon status from the thread that creates it. We promise a
        // non-daemon thread whoever calls us, so say it explicitly instead of inheriting it.
        thread.setDaemon(false);
        thread.start();
        return thread;
    }

    /**
     * Runs every task on its own thread, all at the same time, and returns when all have
     * finished. If tasks failed, the failure of the first failing task (in list order) is
     * rethrown as it was thrown, after every task has finished; other failures are attached to
     * it as suppressed exceptions.
     *
     * @param tasks the tasks; may be empty
     * @throws NullPointerException if {@code tasks} or one of its elements is null (checked
     *         before any thread starts)
     * @throws InterruptedException if the caller is interrupted while waiting; the task threads
     *         are interrupted too, and the method returns without waiting for them
     */
    public static void runAllAndWait(List<Runnable> tasks) throws InterruptedException {
        Objects.requireNonNull(tasks, "tasks");
        // Copy first: validates every element (List.copyOf rejects nulls) before anything starts,
        // and a caller changing its list while we run cannot confuse us.
        List<Runnable> work = List.copyOf(tasks);
        int n = work.size();

        // Each thread writes only its own slot; join() below makes the writes visible to us.
        Throwable[] failures = new Throwable[n];
        List<Thread> threads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int slot = i;
            Runnable task = work.get(i);
            Thread thread = new Thread(() -> {
                try {
                    task.run();
                } catch (Throwable failure) {
                    // Catch instead of letting it reach the uncaught-exception handler: the
                    // caller must see it, not the console.
                    failures[slot] = failure;
                }
            }, "runAllAndWait-" + (i + 1));
            thread.setDaemon(false);
            threads.add(thread);
        }

        // Start them all before joining any: starting and joining one by one would run the
        // tasks one at a time, which is exactly the sequential program we want to avoid.
        for (Thread thread : threads) {
            thread.start();
        }
        try {
            for (Thread thread : threads) {
                thread.join();
            }
        } catch (InterruptedException e) {
            // Our caller wants us to stop: pass the request on to the tasks and leave promptly.
            for (Thread thread : threads) {
                thread.interrupt();
            }
            throw e;
        }

        Throwable first = null;
        for (Throwable failure : failures) {
            if (failure == null) {
                continue;
            }
            if (first == null) {
                first = failure;
            } else if (failure != first) {
                first.addSuppressed(failure); // never swallow the others silently
            }
        }
        if (first instanceof RuntimeException) {
            throw (RuntimeException) first;
        }
        if (first instanceof Error) {
            throw (Error) first;
        }
        if (first != null) {
            // Only reachable if a task smuggled out a checked exception ("sneaky throw").
            throw new RuntimeException("a task threw a checked exception", first);
        }
    }
}
