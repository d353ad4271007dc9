package lab.grader.harness;

import java.time.Duration;
import java.util.Collection;

/**
 * Whether a thread is really waiting (parked in {@code join}, {@code await}, {@code wait}, blocked on
 * a monitor) rather than running. Checks use it to act at the moment code under test has come to
 * rest (interrupt a caller that sits in {@code join}; tell a thread that waits for its turn from one
 * that spins for it) without guessing with sleeps.
 *
 * <p>Added for the threads and async exercises; nothing in it is specific to them.
 */
public final class ThreadStates {
    private ThreadStates() {
    }

    /** WAITING, TIMED_WAITING or BLOCKED: the thread is not using a CPU. */
    public static boolean isParked(Thread t) {
        Thread.State s = t.getState();
        return s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING || s == Thread.State.BLOCKED;
    }

    /** Whether any of the threads is parked. */
    public static boolean anyParked(Collection<Thread> threads) {
        return threads.stream().anyMatch(ThreadStates::isParked);
    }

    /**
     * Waits until {@code t} is parked, has ended, or {@code max} has passed.
     *
     * @return true if {@code t} was seen parked
     */
    public static boolean awaitParked(Thread t, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            if (isParked(t)) {
                return true;
            }
            if (!t.isAlive() || System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(1); // polling a thread's state, not synchronising with it
        }
    }
}
