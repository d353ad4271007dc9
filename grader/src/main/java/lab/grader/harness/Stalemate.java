package lab.grader.harness;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Proves a hang without waiting out a call's whole limit: the grader is waiting for student code, and
 * every other thread of the JVM that could wake it is itself waiting for someone to wake it.
 *
 * <p>A deadlock or a lost wake-up ends like that: each thread is parked in an untimed wait (WAITING,
 * or BLOCKED on a monitor) and no thread runs, so nothing can ever change. The proof is that, for
 * {@link #PROOF} in a row, every thread but the grader's waiting one was seen in an untimed wait at
 * every look (every 10 ms) and none began a new wait: the JVM counts, per thread, the waits and the
 * blocks it has entered. A thread that wakes another must run, and a thread that runs between two
 * looks and waits again has entered a new wait, so either shows and restarts the proof; the woken
 * thread then has the whole {@link #PROOF} to be scheduled and leave its wait, which takes
 * milliseconds even on a busy machine. (CPU time cannot be the sign: a thread BLOCKED on a monitor
 * wakes now and then inside the JVM to retry, and uses a little.) A thread in a timed wait (sleep, a
 * timed park, an idle pool thread that will time out) or running may still wake someone, so while
 * there is one, nothing is proven and the call's own limit applies.
 *
 * <p>Left out of the picture: the JVM's own threads (the "system" thread group, and the common
 * cleaner), which never wake student code, the grader's own daemon threads (watchdog, readers), and
 * the grader's threads that wait in a {@code Stalemate} of their own with a deadline no earlier than
 * this one's (a check's whole body waited for from outside): they do nothing before this wait would
 * have timed out anyway. A grader thread whose wait ends sooner may act when it does, so it counts as
 * one that may still wake someone.
 */
public final class Stalemate implements AutoCloseable {
    /** How long everything must stand still to count as proof; -Dgrader.stalemateMillis in the project's tests. */
    public static final Duration PROOF = Duration.ofMillis(Long.getLong("grader.stalemateMillis", 1000));

    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    /** The grader's threads waiting in a Stalemate now, with the System.nanoTime() their wait ends at. */
    private static final Map<Thread, Long> WAITERS = new java.util.concurrent.ConcurrentHashMap<>();

    private final Thread waiter;
    private final long deadline;
    private long stillSince = -1;
    private long lastLook = Long.MIN_VALUE / 2;
    private static final long LOOK_EVERY_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(10);
    private Map<Long, List<Long>> episodesAtStart = Map.of();

    private Stalemate(Thread waiter, long deadline) {
        this.waiter = waiter;
        this.deadline = deadline;
    }

    /**
     * Watches every thread but the calling one, which waits for student code until {@code deadline}
     * ({@link System#nanoTime()}); close it when the wait is over.
     */
    public static Stalemate waitingUntil(long deadline) {
        Stalemate s = new Stalemate(Thread.currentThread(), deadline);
        WAITERS.put(s.waiter, deadline);
        return s;
    }

    @Override
    public void close() {
        WAITERS.remove(waiter, deadline);
    }

    /**
     * Looks once more; call it every few milliseconds while waiting.
     *
     * @return true once no thread has run or could wake another for {@link #window()}
     */
    public boolean proven() {
        long looked = System.nanoTime();
        if (looked - lastLook < LOOK_EVERY_NANOS) {
            return false; // callers poll faster than a look is worth: a look walks every thread
        }
        lastLook = looked;
        List<Thread> watched = new ArrayList<>();
        for (Thread t : threads()) {
            if (t != waiter && !systemThread(t) && !graderDaemon(t) && !waitsLonger(t)) {
                watched.add(t);
            }
        }
        long[] ids = watched.stream().mapToLong(Thread::getId).toArray();
        ThreadInfo[] infos = MX.getThreadInfo(ids, 0); // no stacks: needs no safepoint
        Map<Long, List<Long>> episodes = new HashMap<>();
        boolean still = true;
        for (int i = 0; i < ids.length; i++) {
            ThreadInfo info = infos[i];
            if (info == null) {
                continue; // ended meanwhile
            }
            Thread.State state = info.getThreadState();
            if (state == Thread.State.RUNNABLE || state == Thread.State.TIMED_WAITING) {
                still = false;
                break;
            }
            episodes.put(ids[i], List.of(info.getWaitedCount(), info.getBlockedCount()));
        }
        long now = System.nanoTime();
        if (!still || stillSince < 0 || !episodes.equals(episodesAtStart)) {
            // Something ran, or may still run: the proof starts again from here.
            stillSince = still ? now : -1;
            episodesAtStart = episodes;
            return false;
        }
        return now - stillSince >= window().toNanos();
    }

    /**
     * How long everything must stand still now: {@link #PROOF}, or half of it once something has hung
     * in this JVM ({@link HangMemory}): code that hung once is not given the benefit of the doubt twice.
     */
    public static Duration window() {
        return HangMemory.first() == null ? PROOF : PROOF.dividedBy(2);
    }

    /** Seconds the picture has stood still so far (0 when it has not). */
    public double stillSeconds() {
        return stillSince < 0 ? 0 : (System.nanoTime() - stillSince) / 1e9;
    }

    /** Every live thread, without their stacks (Thread.getAllStackTraces would take each stack, every 10 ms). */
    private static Thread[] threads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] all = new Thread[root.activeCount() + 16];
        int n = root.enumerate(all, true);
        while (n == all.length) {
            all = new Thread[all.length * 2];
            n = root.enumerate(all, true);
        }
        return java.util.Arrays.copyOf(all, n);
    }

    /** A grader thread waiting for student code in a Stalemate of its own, until no earlier than this one. */
    private boolean waitsLonger(Thread t) {
        Long until = WAITERS.get(t);
        return until != null && until - deadline >= 0;
    }

    /** The JVM's own threads: reference handling, finalizer, signals, notifications, the common cleaner. */
    private static boolean systemThread(Thread t) {
        ThreadGroup g = t.getThreadGroup();
        return g == null || g.getParent() == null || "InnocuousThreadGroup".equals(g.getName());
    }

    /** The grader's infrastructure (watchdog, output readers); the thread that runs student code is not one. */
    private static boolean graderDaemon(Thread t) {
        return t.isDaemon() && t.getName().startsWith("grader-") && !t.getName().startsWith("grader-calls");
    }
}
