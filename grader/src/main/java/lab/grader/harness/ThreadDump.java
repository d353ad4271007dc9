package lab.grader.harness;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import lab.grader.i18n.Messages;

/**
 * Thread dumps a student can read: each stuck thread, its state, the lock it waits for and who
 * holds it, and the line of the student's code it is on. Also whether the JVM sees a deadlock.
 */
public final class ThreadDump {
    private static final int FRAMES = 8;

    private ThreadDump() {
    }

    /** Describes the given threads (those still alive) and any deadlock the JVM finds. */
    public static String describe(Collection<Thread> threads) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] ids = threads.stream().filter(Thread::isAlive).mapToLong(Thread::getId).toArray();
        StringBuilder out = new StringBuilder();
        // lockedSynchronizers=false: the lock a thread waits for and its owner are reported either way,
        // and that code path once crashed a JVM (SIGSEGV in ThreadConcurrentLocks) during a Lincheck run.
        for (ThreadInfo info : mx.getThreadInfo(ids, true, false)) {
            if (info != null) {
                out.append(describe(info));
            }
        }
        out.append(deadlock(mx));
        return out.toString();
    }

    /** The most stuck threads, and frames of each, recorded for the report page's picture of a hang. */
    private static final int PICTURE_THREADS = 8;
    private static final int PICTURE_FRAMES = 12;

    /**
     * Records the given threads (those still alive) as {@link Events}: each one's name and state
     * ({@code stuck}), its top frames ({@code frame}, marked when they are the student's own), and
     * whether the JVM sees a deadlock. The report page draws a hang from these, never from the message.
     */
    public static void recordStuck(String series, Collection<Thread> threads) {
        try {
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long[] ids = threads.stream().filter(Thread::isAlive).mapToLong(Thread::getId).limit(PICTURE_THREADS).toArray();
            for (ThreadInfo info : mx.getThreadInfo(ids, true, false)) {
                if (info == null) {
                    continue;
                }
                String waits = info.getLockName() == null ? ""
                        : info.getLockOwnerName() == null ? Messages.get("dump.waits", info.getLockName())
                        : Messages.get("dump.waits-held", info.getLockName(), info.getLockOwnerName());
                Events.record(new Events.Event(series, "stuck", info.getThreadName(), 0, 0, 0,
                        (info.getThreadState() + " " + waits).strip()));
                StackTraceElement[] stack = info.getStackTrace();
                for (int i = 0; i < Math.min(PICTURE_FRAMES, stack.length); i++) {
                    Events.record(new Events.Event(series, "frame", info.getThreadName(), i, 0,
                            isStudentFrame(stack[i]) ? 1 : 0, frame(stack[i])));
                }
            }
            long[] deadlocked = mx.findDeadlockedThreads();
            Events.value(series, "deadlock", deadlocked == null ? 0 : deadlocked.length);
        } catch (RuntimeException e) {
            // a picture is a help, never a reason for a check to fail differently
        }
    }

    /**
     * The threads that wait for a lock the calling thread holds right now (a monitor it entered, or
     * a java.util.concurrent lock it owns), as "lock: thread, thread (taken at Frame)"; null when
     * none does. Called from inside code under test (a grader callback), it shows the calls of a
     * pool being serialised by a lock that is held while each call runs.
     */
    public static String waitingForMyLocks() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long me = Thread.currentThread().getId();
        List<String> waiting = new ArrayList<>();
        java.lang.management.LockInfo lock = null;
        for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds(), false, false)) {
            if (info != null && info.getThreadId() != me && info.getLockOwnerId() == me && info.getLockInfo() != null) {
                waiting.add(info.getThreadName());
                lock = info.getLockInfo();
            }
        }
        if (lock == null) {
            return null;
        }
        String at = "?";
        ThreadInfo mine = mx.getThreadInfo(new long[] {me}, true, false)[0];
        if (mine != null) {
            for (java.lang.management.MonitorInfo m : mine.getLockedMonitors()) {
                if (m.getIdentityHashCode() == lock.getIdentityHashCode() && m.getLockedStackFrame() != null) {
                    at = frame(m.getLockedStackFrame());
                }
            }
        }
        return Messages.get("harness.lock-held", lock.getClassName(), String.join(", ", waiting), at);
    }

    /** Whether the JVM sees threads deadlocked on monitors or locks, and which. Empty when none. */
    public static String deadlock() {
        return deadlock(ManagementFactory.getThreadMXBean());
    }

    private static String deadlock(ThreadMXBean mx) {
        long[] deadlocked = mx.findDeadlockedThreads();
        if (deadlocked == null || deadlocked.length == 0) {
            return "";
        }
        String names = Arrays.stream(mx.getThreadInfo(deadlocked))
                .filter(i -> i != null)
                .map(i -> Messages.get("dump.deadlock.edge", i.getThreadName(), i.getLockName(), i.getLockOwnerName()))
                .collect(Collectors.joining("\n"));
        return Messages.get("dump.deadlock", names) + "\n";
    }

    /** One thread: name, state, what it waits for and who holds it, then its top frames. */
    public static String describe(ThreadInfo info) {
        StringBuilder out = new StringBuilder();
        out.append(Messages.get("dump.thread", info.getThreadName(), info.getThreadState()));
        if (info.getLockName() != null) {
            out.append(' ').append(info.getLockOwnerName() == null
                    ? Messages.get("dump.waits", info.getLockName())
                    : Messages.get("dump.waits-held", info.getLockName(), info.getLockOwnerName()));
        }
        out.append('\n');
        StackTraceElement[] stack = info.getStackTrace();
        for (int i = 0; i < Math.min(FRAMES, stack.length); i++) {
            out.append(isStudentFrame(stack[i]) ? "    > at " : "      at ").append(frame(stack[i])).append('\n');
        }
        if (stack.length > FRAMES) {
            out.append("      ... ").append(stack.length - FRAMES).append(" more\n");
        }
        return out.toString();
    }

    /** A frame as a student knows it: Class.method(File.java:line), without module or loader prefixes. */
    public static String frame(StackTraceElement f) {
        String where = f.getFileName() == null ? "Unknown Source"
                : f.getLineNumber() >= 0 ? f.getFileName() + ":" + f.getLineNumber() : f.getFileName();
        return f.getClassName() + "." + f.getMethodName() + "(" + where + ")";
    }

    /** A frame of the code under test: a {@code lab.} class that is not the grader's own. */
    public static boolean isStudentFrame(StackTraceElement frame) {
        String c = frame.getClassName();
        return c.startsWith("lab.") && !c.startsWith("lab.grader.");
    }

    /**
     * How a thread is waiting, read from its stack (topmost match wins): {@code "join"} (Thread.join),
     * {@code "forkjoin"} (ForkJoinPool.invoke, ForkJoinTask.invoke/join: waits that an interrupt
     * cannot end), {@code "future"} (Future.get, CompletableFuture.get/join, invokeAll,
     * awaitTermination, a CompletionService's take), or {@code "other"}.
     */
    public static String waitKind(StackTraceElement[] stack) {
        for (StackTraceElement f : stack) {
            String c = f.getClassName();
            String m = f.getMethodName();
            if (c.equals("java.lang.Thread") && m.equals("join")) {
                return "join";
            }
            if ((c.equals("java.util.concurrent.ForkJoinPool") && m.equals("invoke"))
                    || (c.equals("java.util.concurrent.ForkJoinTask") && (m.equals("invoke") || m.equals("join")))) {
                return "forkjoin";
            }
            if ((c.equals("java.util.concurrent.FutureTask") && (m.equals("get") || m.equals("awaitDone")))
                    || (c.equals("java.util.concurrent.CompletableFuture") && (m.equals("get") || m.equals("join")
                            || m.equals("waitingGet") || m.equals("timedGet")))
                    || (c.equals("java.util.concurrent.ForkJoinTask") && m.equals("get"))
                    || (c.equals("java.util.concurrent.AbstractExecutorService") && m.startsWith("invoke"))
                    || m.equals("awaitTermination")
                    || (c.equals("java.util.concurrent.ExecutorCompletionService") && (m.equals("take") || m.equals("poll")))
                    || (c.startsWith("java.util.concurrent.") && c.endsWith("ExecutorService") && m.equals("close"))) {
                return "future";
            }
        }
        return "other";
    }

    /**
     * What to do about a wait that an interrupt did not end properly, for a message: advice that
     * fits how the code waited ({@link #waitKind}), or, where the grader cannot tell, only where the
     * code was and what any wait must do.
     */
    public static String stopAdvice(StackTraceElement[] stack) {
        if (stack == null || stack.length == 0) {
            return Messages.get("check.stop.unknown");
        }
        String kind = waitKind(stack);
        if (kind.equals("other")) {
            StackTraceElement at = firstStudentFrame(stack);
            return at == null ? Messages.get("check.stop.unknown") : Messages.get("check.stop.other", frame(at));
        }
        return Messages.get("check.stop." + kind);
    }

    /** How to end what a call started when it is interrupted, for a leak message: by how the code waited. */
    public static String leakAdvice(StackTraceElement[] stack) {
        String kind = stack == null || stack.length == 0 ? "other" : waitKind(stack);
        return Messages.get("check.stop.leak." + (kind.equals("forkjoin") ? "future" : kind));
    }

    /** The first frame of the code under test in {@code stack}, or null. */
    public static StackTraceElement firstStudentFrame(StackTraceElement[] stack) {
        for (StackTraceElement f : stack) {
            if (isStudentFrame(f)) {
                return f;
            }
        }
        return null;
    }

    /** Every live thread that is not in {@code before}: what the code under test started. */
    public static List<Thread> startedSince(Set<Thread> before) {
        List<Thread> result = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(t) && t.isAlive()) {
                result.add(t);
            }
        }
        return result;
    }
}
