package lab.grader.harness;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Callable;
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
        runner.start();
        try {
            return task.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        } catch (TimeoutException e) {
            // Take the dump before interrupting: it shows where the code was stuck, not where it went after.
            Set<Thread> stuck = new LinkedHashSet<>(); // the runner first, and only once (it started after the snapshot too)
            stuck.add(runner);
            stuck.addAll(ThreadDump.startedSince(before));
            String dump = ThreadDump.describe(stuck);
            runner.interrupt();
            throw CheckFailure.of("harness.timeout", what, seconds(limit), dump);
        }
    }

    /** {@link #call} for code with no result. */
    public static void run(String what, Duration limit, Body body) throws Exception {
        call(what, limit, () -> {
            body.run();
            return null;
        });
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? String.valueOf(d.toSeconds()) : String.format("%.1f", d.toMillis() / 1000.0);
    }
}
