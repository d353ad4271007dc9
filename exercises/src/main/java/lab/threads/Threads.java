package lab.threads;

import java.util.List;

/**
 * Exercise {@code threads}, part 1: start threads, and make the caller wait for them.
 *
 * <p>The seed program starts a thread with {@code t.start()} and waits for it with
 * {@code t.join()}; without the join, "All tasks completed!" is printed before the task is done.
 * Here you write the Java version of both.
 *
 * <p>What you build:
 * <ul>
 *   <li>{@link #startNamed(String, Runnable)}: create a {@link Thread} with a name, make sure it
 *       is <b>not</b> a daemon thread, start it, and return it.</li>
 *   <li>{@link #runAllAndWait(List)}: run every task on its own thread, <b>all at the same
 *       time</b>, and return only when every one of them has finished.</li>
 * </ul>
 *
 * <p>Rules the grader checks:
 * <ul>
 *   <li>A null name, task, list or task in the list: {@link NullPointerException}, thrown before
 *       any thread starts.</li>
 *   <li>The tasks really run at the same time: the grader's tasks wait for each other at a
 *       barrier, so running them one after another never finishes and is reported as "ran one at
 *       a time".</li>
 *   <li>The caller really waits: when {@code runAllAndWait} returns, every task has ended.</li>
 *   <li>A task that throws does not disappear: after <em>all</em> tasks have finished,
 *       {@code runAllAndWait} rethrows the first failing task's own {@link RuntimeException} or
 *       {@link Error} (not wrapped in anything).</li>
 *   <li>Interrupted while waiting: stop waiting at once and throw {@link InterruptedException}
 *       (interrupting the task threads too is good manners).</li>
 *   <li>Threads you create are non-daemon. A new thread inherits daemon status from the thread
 *       that creates it, so call {@link Thread#setDaemon(boolean) setDaemon(false)} yourself.</li>
 *   <li>An empty list is fine: nothing to run, return at once.</li>
 * </ul>
 *
 * <p>See the lesson: <a href="01-threads.md">01-threads.md</a>
 */
public final class Threads {

    private Threads() {
        // static helpers only
    }

    /**
     * Starts {@code task} on a new, non-daemon thread called {@code name} and returns that thread.
     * The task must run on the new thread, not on the caller's.
     *
     * @param name the new thread's name
     * @param task what the new thread runs
     * @return the thread, already started
     * @throws NullPointerException if {@code name} or {@code task} is null
     */
    public static Thread startNamed(String name, Runnable task) {
        throw new UnsupportedOperationException(
                "TODO: check both arguments for null (Objects.requireNonNull), then "
                        + "new Thread(task, name), setDaemon(false), start() it and return it. "
                        + "Calling task.run() yourself would run it on the caller's thread.");
    }

    /**
     * Runs every task on its own thread, all at the same time, and returns when all have
     * finished. If a task threw, rethrows the first task's own exception after all have finished.
     *
     * @param tasks the tasks; may be empty
     * @throws NullPointerException if {@code tasks} or one of its elements is null
     * @throws InterruptedException if the caller is interrupted while waiting
     */
    public static void runAllAndWait(List<Runnable> tasks) throws InterruptedException {
        throw new UnsupportedOperationException(
                "TODO: create one non-daemon Thread per task, wrapping each task in a try/catch "
                        + "that stores its Throwable; start() ALL of them in one loop, then join() "
                        + "them in a second loop (start-join-start-join is sequential). After the "
                        + "joins, rethrow the first stored RuntimeException/Error as it is.");
    }
}
