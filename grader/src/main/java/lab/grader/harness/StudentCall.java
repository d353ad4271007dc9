package lab.grader.harness;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs code under test on a thread of its own, under a time limit. Every check calls student code
 * through here, so a hang becomes a failed check that says where each thread was stuck instead of a
 * grading run that never ends.
 *
 * <p>The thread is non-daemon (the contract promises student code runs on non-daemon threads, and
 * threads it creates inherit that). On a hang it is interrupted and abandoned: the grading JVM of
 * this exercise is ended by the runner at the latest when the exercise is done.
 */
public final class StudentCall {
    /**
     * How long one call into student code may take by default. The project's own tests shorten it
     * ({@code -Dgrader.callLimitSeconds}) so that canaries which hang are proven quickly.
     */
    public static final Duration LIMIT = Duration.ofSeconds(Long.getLong("grader.callLimitSeconds", 20));

    private StudentCall() {
    }

    /** Something that may throw anything, like student code. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    /**
     * Calls {@code body} within {@code limit}; returns its result or rethrows its own exception.
     *
     * @param what what is being called, for the message ("CounterRun.incrementConcurrently(...)")
     * @throws CheckFailure {@code harness.timeout} when it does not finish in time
     */
    public static <T> T call(String what, Duration limit, Callable<T> body) throws Exception {
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        FutureTask<T> task = new FutureTask<>(body);
        Thread runner = new Thread(task, "grader-calls-student-code");
        runner.setDaemon(false);
        ClassLoader mark = LeakGuard.mark(runner.getContextClassLoader());
        runner.setContextClassLoader(mark);
        runner.start();
        Duration given = HangMemory.limitFor(limit);
        try {
            return awaitOrProveStuck(task, given, what);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CheckFailure) {
                LeakGuard.abandon(mark); // a failed check's leftovers are that check's business
            }
            if (cause instanceof Exception ex) {
                throw ex;
            }
            if (cause instanceof OutOfMemoryError oom) {
                // JUnit treats OutOfMemoryError as unrecoverable and would abort every later check.
                StackTraceElement at = ThreadDump.firstStudentFrame(oom.getStackTrace());
                throw outOfMemory(oom);
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        } catch (TimeoutException | Stuck e) {
            // Take the dump before interrupting: it shows where the code was stuck, not where it went after.
            Set<Thread> stuck = new LinkedHashSet<>(); // the runner first, and only once (it started after the snapshot too)
            stuck.add(runner);
            stuck.addAll(ThreadDump.startedSince(before));
            String dump = ThreadDump.describe(stuck);
            ThreadDump.recordStuck("hang", stuck);
            LeakGuard.abandon(mark);
            runner.interrupt();
            if (e instanceof Stuck) {
                Duration window = Stalemate.window();
                HangMemory.hung(what);
                throw CheckFailure.of("harness.stalemate", what, seconds(window), dump);
            }
            boolean shortened = given.compareTo(limit) < 0;
            HangMemory.hung(what);
            throw shortened ? CheckFailure.of("harness.timeout.shortened", what, seconds(given), HangMemory.first(), dump)
                    : CheckFailure.of("harness.timeout", what, seconds(limit), dump);
        }
    }

    /** A call whose threads all stand still, proven by {@link Stalemate} before its limit. */
    private static final class Stuck extends Exception {
        Stuck() {
            super(null, null, false, false);
        }
    }

    /**
     * Waits for {@code task} up to {@code limit}, looking every few milliseconds whether its threads
     * have come to a {@link Stalemate}: a deadlock is then reported in about a second, not after the
     * whole limit.
     */
    private static <T> T awaitOrProveStuck(FutureTask<T> task, Duration limit, String what)
            throws InterruptedException, ExecutionException, TimeoutException, Stuck {
        long deadline = System.nanoTime() + limit.toNanos();
        try (Stalemate stalemate = Stalemate.waitingUntil(deadline)) {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException(what);
                }
                try {
                    return task.get(Math.min(left, LOOK_NANOS), TimeUnit.NANOSECONDS);
                } catch (TimeoutException notYet) {
                    if (stalemate.proven()) {
                        throw new Stuck();
                    }
                }
            }
        }
    }

    /** How often a waiting grader looks for a {@link Stalemate}. */
    private static final long LOOK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /** {@link #call} for code with no result. */
    public static void run(String what, Duration limit, Body body) throws Exception {
        call(what, limit, () -> {
            body.run();
            return null;
        });
    }

    /**
     * How a call that the grader interrupted ended (see {@link #interruptWhileWaiting}).
     *
     * @param interrupted whether the interrupt was delivered (false: the call ended by itself first)
     * @param value what the call returned, when it returned
     * @param thrown what it threw, or null when it returned
     * @param nanosAfterInterrupt from the interrupt to the end of the call
     * @param unblocked whether the call outlasted the patience and the grader's work was released
     * @param waiting how the calling thread spent {@link ThreadWatch#WAIT_SAMPLE} just before the
     *        interrupt (parked, or busy in a loop), or null when the call ended first
     * @param waitingWhere where the calling thread was at the end of that sample (a thread dump), when it was not parked
     * @param stackAtInterrupt the calling thread's stack when it was interrupted (how it waited), or empty
     */
    public record Interruption<T>(boolean interrupted, T value, Throwable thrown, long nanosAfterInterrupt,
            boolean unblocked, ThreadWatch.Sample waiting, String waitingWhere, StackTraceElement[] stackAtInterrupt) {
        /** Advice for a wait the interrupt did not end properly, fitting how the code waited ({@link ThreadDump#stopAdvice}). */
        public String stopAdvice() {
            return ThreadDump.stopAdvice(stackAtInterrupt);
        }

        /** Advice for threads left after the interrupt, fitting how the code waited. */
        public String leakAdvice() {
            return ThreadDump.leakAdvice(stackAtInterrupt);
        }

        /** Fails the check when the caller was busy or sleep-polling instead of waiting (see {@link StudentCall#requireIdle}). */
        public void requireIdle(String what, String how) {
            StudentCall.requireIdle(what, waitingWhere, waiting, how);
        }

        /** The call returned normally. */
        public boolean returned() {
            return thrown == null;
        }

        /** Seconds from the interrupt to the end of the call. */
        public double seconds() {
            return nanosAfterInterrupt / 1e9;
        }
    }

    /**
     * Calls {@code body} on a thread of its own (named like {@link #call}'s), interrupts that thread
     * once it waits, and reports how the call ended. "Once it waits": when {@code ready} (if not
     * null) has counted down, for instance when the grader's slow calls have started, and the
     * calling thread is parked (WAITING, TIMED_WAITING or BLOCKED, as in {@code Future.get()}); at
     * the latest after {@code readyWithin}. A call that ends before then is not interrupted.
     * If it has not ended {@code patience} after the interrupt, {@code unblock} runs (it lets the
     * grader's own slow work finish, so code that ignored the interrupt can end), and the call gets
     * until {@code limit} to end; after that it is a hang ({@code harness.timeout}, with a thread dump).
     */
    public static <T> Interruption<T> interruptWhileWaiting(String what, Duration limit, CountDownLatch ready,
            Duration readyWithin, Duration patience, Runnable unblock, Callable<T> body) throws Exception {
        return interruptWhileWaiting(what, limit, ready, readyWithin, patience, unblock, false, body);
    }

    /**
     * {@link #interruptWhileWaiting(String, Duration, CountDownLatch, Duration, Duration, Runnable, Callable)},
     * and, with {@code measure}, a caller that never parked (or parked in Thread.sleep) is measured
     * for {@link ThreadWatch#WAIT_SAMPLE} before the interrupt ({@link Interruption#waiting()}): for
     * checks whose caller only waits. Where the caller may compute by itself (a CPU-bound count),
     * leave it off: the measurement would let the work go on before the interrupt.
     */
    public static <T> Interruption<T> interruptWhileWaiting(String what, Duration limit, CountDownLatch ready,
            Duration readyWithin, Duration patience, Runnable unblock, boolean measure, Callable<T> body) throws Exception {
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        CountDownLatch ended = new CountDownLatch(1);
        FutureTask<T> task = new FutureTask<>(body) {
            @Override
            protected void done() {
                ended.countDown();
            }
        };
        Thread runner = new Thread(task, "grader-calls-student-code");
        runner.setDaemon(false);
        ClassLoader mark = LeakGuard.mark(runner.getContextClassLoader());
        runner.setContextClassLoader(mark);
        runner.start();
        long deadline = System.nanoTime() + readyWithin.toNanos();
        if (ready != null) {
            ready.await(readyWithin.toMillis(), TimeUnit.MILLISECONDS);
        }
        // Polling the caller's state (an observable condition, bounded), not sleeping in the hope it waits.
        boolean parked = false;
        while (ended.getCount() > 0 && System.nanoTime() < deadline) {
            if (ThreadWatch.isParked(runner)) {
                parked = true;
                break;
            }
            ended.await(1, TimeUnit.MILLISECONDS);
        }
        // How the caller waits, measured before the interrupt, but only when it never parked (a loop
        // costs a core) or parked in Thread.sleep (a poll loop): a caller seen parked anywhere else is
        // interrupted right there, at once, as the scenario intends (even if it was only a moment's
        // park and it is running again: measuring it then would let its work go on meanwhile).
        ThreadWatch watch = ThreadWatch.of(runner);
        ThreadWatch.Sample waiting = measure && ended.getCount() > 0 && (!parked || watch.sleeping())
                ? watch.sample(ThreadWatch.WAIT_SAMPLE) : null;
        if (waiting != null && waiting.ended()) {
            waiting = null;
        }
        String waitingWhere = waiting != null && (waiting.busy() || waiting.sleepPolling())
                ? ThreadDump.describe(java.util.List.of(runner)) : "";
        boolean interrupted = false;
        long interruptedAt = System.nanoTime();
        StackTraceElement[] stackAtInterrupt = new StackTraceElement[0];
        if (ended.getCount() > 0) {
            stackAtInterrupt = runner.getStackTrace();
            interruptedAt = System.nanoTime();
            runner.interrupt();
            interrupted = true;
        }
        boolean unblocked = false;
        if (!ended.await(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            unblocked = true;
            if (unblock != null) {
                unblock.run();
            }
            if (!ended.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                LeakGuard.abandon(mark);
                Set<Thread> stuck = new java.util.LinkedHashSet<>();
                stuck.add(runner);
                stuck.addAll(ThreadDump.startedSince(before));
                ThreadDump.recordStuck("hang", stuck);
                throw CheckFailure.of("harness.timeout", what, seconds(limit), ThreadDump.describe(stuck));
            }
        }
        long nanos = interrupted ? System.nanoTime() - interruptedAt : 0;
        try {
            return new Interruption<>(interrupted, task.get(), null, nanos, unblocked, waiting, waitingWhere, stackAtInterrupt);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof OutOfMemoryError oom) {
                StackTraceElement at = ThreadDump.firstStudentFrame(oom.getStackTrace());
                throw outOfMemory(oom);
            }
            return new Interruption<>(interrupted, null, cause, nanos, unblocked, waiting, waitingWhere, stackAtInterrupt);
        }
    }

    /**
     * Fails when a caller that should have been waiting was busy or sleep-polling in {@code waiting}
     * (null: not measured): {@code check.wait.busy} or {@code check.wait.sleep-polling}, naming
     * {@code what}, the figures, {@code how} to wait instead and {@code where} the thread was (a dump).
     */
    public static void requireIdle(String what, String where, ThreadWatch.Sample waiting, String how) {
        if (waiting == null) {
            return;
        }
        if (waiting.busy()) {
            throw CheckFailure.of("check.wait.busy", what, waiting.cpuPercent(), waiting.millis(), waiting.runningPercent(), how,
                    where == null ? "" : where);
        }
        if (waiting.sleepPolling()) {
            throw CheckFailure.of("check.wait.sleep-polling", what, how, where == null ? "" : where);
        }
    }

    /**
     * The failure for code that ran out of memory: where, when the error's stack has a line of the
     * code under test; otherwise (the JVM may throw a preallocated error without a stack, or the
     * memory ran out in a JDK method called from another thread) only what is known, no placeholder.
     */
    static CheckFailure outOfMemory(OutOfMemoryError oom) {
        StackTraceElement at = ThreadDump.firstStudentFrame(oom.getStackTrace());
        return at != null ? CheckFailure.because(oom, "check.out-of-memory", ThreadDump.frame(at))
                : CheckFailure.because(oom, "check.out-of-memory-unplaced", String.valueOf(oom.getMessage()));
    }

    private static String seconds(Duration d) {
        return Timing.limitText(d);
    }

    /**
     * Calls student code that must throw {@code wanted} (a bad argument, say) and fails the check
     * when it throws nothing or something else. A stub's "TODO" exception is rethrown as it is, so
     * the report says "not written yet" rather than "wrong exception".
     */
    public static void expectThrows(Class<? extends Exception> wanted, String call, Body body) throws Exception {
        Throwable got = null;
        try {
            run(call, LIMIT, body);
        } catch (CheckFailure timeout) {
            throw timeout;
        } catch (Throwable t) {
            got = t;
        }
        if (got instanceof UnsupportedOperationException todo && String.valueOf(todo.getMessage()).startsWith("TODO")) {
            throw todo;
        }
        CheckFailure.require(got != null, "check.no-exception", call, wanted.getSimpleName());
        CheckFailure.require(wanted.isInstance(got), "check.wrong-exception", call, wanted.getSimpleName(),
                got.getClass().getSimpleName(), String.valueOf(got.getMessage()));
    }
}
