package lab.grader.harness;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

/**
 * Watches threads from outside: whether a thread is parked (waiting in {@code join}, {@code await},
 * {@code wait}, blocked on a monitor) rather than running, waits until it is or has ended, samples
 * its state and measures its CPU time. The one place where checks ask "has the code under test
 * come to rest?": the queue ("put blocks while full", "a blocked take uses no CPU"), threads
 * (interrupt a caller that sits in {@code join}; a consumer waits for its turn rather than
 * spinning) and async (a gather that blocks its caller).
 *
 * <p>Why not sleep: a check that sleeps "long enough" and then looks is slow when the code is right
 * and flaky when the machine is busy. Here the waits are bounded polls of {@link Thread#getState()}
 * that return as soon as the thread is where it should be, so a correct implementation passes in
 * milliseconds and the limit is only paid by code that never gets there.
 */
public final class ThreadWatch {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(500);
    /** The CPU share (of one core) above which a thread that should be waiting counts as busy. */
    public static final double BUSY_CPU = 0.20;
    /** How long a thread that should be waiting is measured by the checks that ask whether it spins. */
    public static final Duration WAIT_SAMPLE = Duration.ofMillis(200);

    private final Thread thread;
    private volatile long waitedNanos;

    private ThreadWatch(Thread thread) {
        this.thread = thread;
    }

    /** Watches {@code thread}. */
    public static ThreadWatch of(Thread thread) {
        return new ThreadWatch(thread);
    }

    /** Whether {@code state} means the thread is not running: waiting, timed waiting or blocked on a monitor. */
    public static boolean isBlocked(Thread.State state) {
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING || state == Thread.State.BLOCKED;
    }

    /** Whether {@code thread} is parked right now: waiting, timed waiting or blocked; it is not using a CPU. */
    public static boolean isParked(Thread thread) {
        return isBlocked(thread.getState());
    }

    /** Whether any of the threads is parked right now. */
    public static boolean anyParked(Collection<Thread> threads) {
        return threads.stream().anyMatch(ThreadWatch::isParked);
    }

    /** Waits at most {@code limit} for the thread to be parked; false if it ended or kept running. */
    public boolean parkedWithin(Duration limit) throws InterruptedException {
        return isBlocked(untilBlockedOrEnded(limit));
    }

    /**
     * Polls the thread's state until it is blocked (WAITING, TIMED_WAITING, BLOCKED) or has ended,
     * for at most {@code limit}.
     *
     * @return the state seen last: a blocked state, TERMINATED, or (when the limit passed) whatever
     *         it was then, usually RUNNABLE
     */
    public Thread.State untilBlockedOrEnded(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            Thread.State state = thread.getState();
            if (isBlocked(state) || state == Thread.State.TERMINATED || System.nanoTime() > deadline) {
                return state;
            }
            pause();
        }
    }

    /**
     * Waits at most {@code limit} for the thread to end; true if it did. Gives up sooner (false) once
     * a {@link Stalemate} proves that no thread can make it end; {@link #waited()} says how long it waited.
     */
    public boolean ended(Duration limit) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        try (Stalemate stalemate = Stalemate.waitingUntil(deadline)) {
            while (thread.isAlive()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                if (stalemate.proven()) {
                    HangMemory.hung(thread.getName());
                    return false;
                }
                thread.join(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), LOOK_MILLIS)));
            }
            return true;
        } finally {
            waitedNanos = System.nanoTime() - start;
        }
    }

    /** How long the last {@link #ended} waited. */
    public Duration waited() {
        return Duration.ofNanos(waitedNanos);
    }

    /** How often a waiting grader looks for a {@link Stalemate}, in milliseconds. */
    private static final long LOOK_MILLIS = 20;

    /** How many times the thread has waited (entered WAITING or TIMED_WAITING) so far; -1 if it has ended. */
    public long waitedCount() {
        ThreadInfo info = MX.getThreadInfo(thread.getId());
        return info == null ? -1 : info.getWaitedCount();
    }

    /** The identity hash code of the object the thread waits on (a monitor, a Condition), or 0. */
    public int waitsOnIdentity() {
        ThreadInfo info = MX.getThreadInfo(thread.getId());
        return info == null || info.getLockInfo() == null ? 0 : info.getLockInfo().getIdentityHashCode();
    }

    /**
     * Samples the thread for {@code window}: how much CPU it used, and in what states it was.
     * The thread is expected to stay alive; {@link Sample#ended()} says if it did not.
     */
    public Sample sample(Duration window) throws InterruptedException {
        boolean cpuKnown = MX.isThreadCpuTimeSupported() && MX.isThreadCpuTimeEnabled();
        long cpuStart = cpuKnown ? MX.getThreadCpuTime(thread.getId()) : -1;
        long waitsStart = waitedCount();
        long start = System.nanoTime();
        long deadline = start + window.toNanos();
        int samples = 0;
        int running = 0;
        int sleeping = 0;
        boolean ended = false;
        while (System.nanoTime() < deadline) {
            Thread.State state = thread.getState();
            if (state == Thread.State.TERMINATED) {
                ended = true;
                break;
            }
            samples++;
            if (state == Thread.State.RUNNABLE) {
                running++;
            } else if (state == Thread.State.TIMED_WAITING && inSleep()) {
                sleeping++;
            }
            TimeUnit.MILLISECONDS.sleep(2); // the sampling period, not a synchronisation
        }
        long wall = System.nanoTime() - start;
        long cpuEnd = cpuKnown && !ended ? MX.getThreadCpuTime(thread.getId()) : -1;
        long cpu = cpuStart >= 0 && cpuEnd >= 0 ? cpuEnd - cpuStart : -1;
        long waitsEnd = ended ? -1 : waitedCount();
        long waits = waitsStart >= 0 && waitsEnd >= 0 ? waitsEnd - waitsStart : -1;
        return new Sample(wall, cpu, samples, running, sleeping, ended, waits);
    }

    /**
     * Whether a thread that should be waiting needs its CPU use measured ({@link #WAIT_SAMPLE}):
     * it is not parked (running, perhaps in a loop), or it is parked in {@link Thread#sleep} (perhaps
     * a poll loop). A thread parked anywhere else waits properly, and is not kept waiting by a
     * measurement.
     */
    public boolean worthSampling() {
        Thread.State state = thread.getState();
        return state != Thread.State.TERMINATED && (!isBlocked(state) || inSleep());
    }

    /** Whether the thread is parked inside {@link Thread#sleep} right now. */
    public boolean sleeping() {
        return thread.getState() == Thread.State.TIMED_WAITING && inSleep();
    }

    /** Whether the thread is inside {@link Thread#sleep} right now. */
    private boolean inSleep() {
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getClassName().equals("java.lang.Thread") && frame.getMethodName().startsWith("sleep")) {
                return true;
            }
        }
        return false;
    }

    private static void pause() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        // A short park between polls: the watcher must not take the CPU the watched thread needs.
        java.util.concurrent.locks.LockSupport.parkNanos(POLL_NANOS);
    }

    /**
     * What {@link #sample} saw.
     *
     * @param wallNanos how long the window really was
     * @param cpuNanos the CPU time the thread used in it, or -1 if the JVM cannot measure it
     * @param samples how many times the state was read
     * @param running how many of those found it RUNNABLE
     * @param sleeping how many found it inside Thread.sleep
     * @param ended whether the thread ended during the window
     * @param waits how many times the thread began to wait or sleep in the window (-1: unknown)
     */
    public record Sample(long wallNanos, long cpuNanos, int samples, int running, int sleeping, boolean ended, long waits) {
        /** CPU time over wall time, 0..1 (per core), or -1 if unknown. */
        public double cpuShare() {
            return cpuNanos < 0 || wallNanos <= 0 ? -1 : (double) cpuNanos / wallNanos;
        }

        /** The share of samples in which the thread was RUNNABLE, 0..1. */
        public double runningShare() {
            return samples == 0 ? 0 : (double) running / samples;
        }

        /** The share of samples in which the thread was in Thread.sleep, 0..1. */
        public double sleepingShare() {
            return samples == 0 ? 0 : (double) sleeping / samples;
        }

        /**
         * Whether a thread that should be waiting was busy instead: more than {@link #BUSY_CPU} of
         * a core, or running (RUNNABLE) in more than 90% of the samples. A blocked wait uses next
         * to nothing; a loop that checks again and again (a flag, isDone(), isAlive(), yield or
         * onSpinWait) uses a core.
         */
        public boolean busy() {
            return Math.max(0, cpuShare()) > BUSY_CPU || runningShare() > 0.9;
        }

        /**
         * Whether a thread that should be waiting was sleeping in a poll loop: in Thread.sleep in
         * more than half the samples, and asleep again and again (at least twice in the window; one
         * long sleep is not a loop).
         */
        public boolean sleepPolling() {
            return sleepingShare() > 0.5 && (waits < 0 || waits >= 2);
        }

        /** The CPU share as a whole percentage, for a message. */
        public long cpuPercent() {
            return Math.round(Math.max(0, cpuShare()) * 100);
        }

        /** The running share as a whole percentage, for a message. */
        public long runningPercent() {
            return Math.round(runningShare() * 100);
        }

        /** The window in milliseconds, for a message. */
        public long millis() {
            return wallNanos / 1_000_000;
        }
    }
}
