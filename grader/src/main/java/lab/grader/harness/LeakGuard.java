package lab.grader.harness;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds threads that code under test left running after a call that promised to finish them.
 *
 * <p>Take a {@link #snapshot()} before the call and {@link #leaked(Duration)} after it. A thread
 * still alive after the grace period (pool threads take a moment to end) is a leak when
 * <ul>
 * <li>it started since the snapshot; or</li>
 * <li>it ran this call's work: a grader callback (the function a pool maps, a counter's
 * increment) said so with {@link #ranWork()} after the snapshot; or</li>
 * <li>the student's code started it, at any time (in an earlier check, in a static initialiser),
 * and it used CPU time since the snapshot: a static executor that is never shut down, whose
 * threads an earlier call started, is this call's leak as soon as this call uses it.</li>
 * </ul>
 * "The student's code started it" is known without guessing from names: every call into student
 * code ({@link StudentCall}) runs on a thread whose context class loader is a {@link #mark} (a
 * loader that only delegates), and every thread inherits its creator's context class loader, so
 * every thread that student code starts, and every thread those start, carries the mark (worker
 * threads of a {@link ForkJoinPool} other than the common pool are the student's too: the grader
 * makes none). JDK-internal daemon threads (an HttpClient's selector, Keep-Alive-Timer, the common
 * pool, reference handlers) and the grader's own threads are never the student's. Threads of a call
 * that hung or failed its check are that check's business, and a thread another check already
 * reported is not reported again unless it runs this call's work.
 */
public final class LeakGuard {
    private static final Pattern JDK_INTERNAL = Pattern.compile(
            "HttpClient-.*|Keep-Alive-Timer|Keep-Alive-SocketCleaner|ForkJoinPool\\.commonPool-worker-.*|"
                    + "Common-Cleaner|process reaper.*|Attach Listener|Signal Dispatcher|Reference Handler|"
                    + "Finalizer|Notification Thread|.*Lincheck.*|FileSystemWatcher.*|grader-.*|idle-timeout-task|"
                    + "InnocuousThread-.*|JFR.*");
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    /** Threads a leak check has reported already. */
    private static final Set<Thread> REPORTED = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    /** When each thread last ran grader-supplied work ({@link #ranWork()}). */
    private static final Map<Thread, Long> WORKED = Collections.synchronizedMap(new WeakHashMap<>());
    /** Threads of the grader's own that run student code (a put waiting on its own thread): never leaks. */
    private static final Set<Thread> GRADERS = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private final Set<Thread> before;
    private final Map<Thread, Long> cpuBefore;
    private final long since;

    private LeakGuard(Set<Thread> before, Map<Thread, Long> cpuBefore, long since) {
        this.before = before;
        this.cpuBefore = cpuBefore;
        this.since = since;
    }

    /** The threads alive now, and the CPU time of those the student's code started. */
    public static LeakGuard snapshot() {
        long since = System.nanoTime();
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        Map<Thread, Long> cpu = new HashMap<>();
        for (Thread t : before) {
            if (isStudents(t)) {
                cpu.put(t, cpuTime(t));
            }
        }
        return new LeakGuard(before, cpu, since);
    }

    /** Leaks (see the class comment) still alive after {@code grace}; empty when clean. */
    public List<Thread> leaked(Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        List<Thread> alive;
        do {
            alive = Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && isLeak(t)).collect(Collectors.toList());
            if (alive.isEmpty()) {
                return alive;
            }
            Thread.sleep(10); // polling for threads to end, not synchronising with them
        } while (System.nanoTime() < deadline);
        if (!grace.isZero()) { // a poll (no grace) is not a report
            REPORTED.addAll(alive);
        }
        return alive;
    }

    private boolean isLeak(Thread t) {
        if (t == Thread.currentThread() || !counts(t) || GRADERS.contains(t) || abandoned(t)) {
            return false;
        }
        if (!before.contains(t)) {
            return true;
        }
        Long worked = WORKED.get(t);
        if (worked != null && worked - since >= 0) {
            return true;
        }
        Long cpu = cpuBefore.get(t);
        return cpu != null && !REPORTED.contains(t) && cpuTime(t) > cpu;
    }

    /** Called by grader-supplied work (a mapped function, a counter's increment) on the thread that runs it. */
    public static void ranWork() {
        WORKED.put(Thread.currentThread(), System.nanoTime());
    }

    /** A thread the grader made to call student code: not a leak, whatever the student's code does on it. */
    public static void graders(Thread thread) {
        GRADERS.add(thread);
    }

    /** A context class loader for a thread that calls student code; threads that code starts inherit it. */
    static Mark mark(ClassLoader parent) {
        return new Mark(parent);
    }

    /** The threads of a call that hung or failed its check are that check's business, not a later leak. */
    static void abandon(ClassLoader mark) {
        if (mark instanceof Mark m) {
            m.abandoned = true;
        }
    }

    /** Whether the student's code started {@code t} (see the class comment). */
    static boolean isStudents(Thread t) {
        if (t instanceof ForkJoinWorkerThread fj && fj.getPool() != ForkJoinPool.commonPool()) {
            return true;
        }
        return contextLoader(t) instanceof Mark;
    }

    private static boolean abandoned(Thread t) {
        return contextLoader(t) instanceof Mark m && m.abandoned;
    }

    private static ClassLoader contextLoader(Thread t) {
        try {
            return t.getContextClassLoader();
        } catch (SecurityException e) {
            return null;
        }
    }

    private static long cpuTime(Thread t) {
        return MX.isThreadCpuTimeSupported() ? MX.getThreadCpuTime(t.getId()) : -1;
    }

    /** The names of threads, for a message. */
    public static String names(List<Thread> threads) {
        return threads.stream().map(t -> t.getName() + " (" + t.getState() + ")").collect(Collectors.joining(", "));
    }

    private static boolean counts(Thread t) {
        return !(t.isDaemon() && JDK_INTERNAL.matcher(t.getName()).matches()) && !t.getName().startsWith("grader-");
    }

    /** A class loader that only delegates: the mark of threads that student code started. */
    static final class Mark extends ClassLoader {
        static {
            registerAsParallelCapable();
        }

        volatile boolean abandoned;

        Mark(ClassLoader parent) {
            super("student-code", parent);
        }
    }
}
