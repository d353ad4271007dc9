package lab.grader.async;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import lab.async.Gather;
import lab.grader.harness.CheckFailure;
import lab.grader.harness.Figures;
import lab.grader.harness.Property;
import lab.grader.harness.StudentCall;
import lab.grader.harness.ThreadDump;
import lab.grader.harness.ThreadWatch;
import lab.grader.i18n.Messages;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

/**
 * The async exercise's checks: "concurrent without blocking threads, order kept, failures surface".
 *
 * <p>The tasks are futures the grader holds and completes itself, in an order it chooses (in
 * reverse, or shuffled), so nothing depends on timing: the grader sees exactly which tasks were
 * started before it completed the first one, whether {@code gather} had returned by then, and
 * what the returned future did after each completion. When {@code gather} stops making progress
 * (it waits for a task, or blocks its caller), the grader notices it is stuck and completes the
 * tasks one by one so that it can finish and be reported for what it did, not as a hang.
 *
 * <p>Check functions over the implementation under test come first; the {@code @Test} methods at
 * the end bind them to {@link Gather}, and their names are the rubric's check ids.
 */
public class AsyncChecks {
    static final Duration LIMIT = StudentCall.LIMIT;
    /** No task started for this long while the caller sits parked (or has returned): it is waiting for a task. */
    static final Duration STALL = Duration.ofMillis(200);
    /** No progress at all for this long, parked or not: stuck (a spin, say). */
    static final Duration STALL_MAX = Duration.ofSeconds(2);
    /** How long the returned future may take once every task has completed (a right one is immediate). */
    static final Duration SETTLE = Duration.ofSeconds(2);
    /** The timeout given to gatherWithin with a task that never completes. */
    static final Duration LATE_TIMEOUT = Duration.ofMillis(200);
    /** How long the grader waits for that timeout to fire: generous, it returns as soon as it does. */
    static final Duration TIMEOUT_WAIT = Duration.ofSeconds(3);
    /** The timeout given to gatherWithin when every task will be on time. */
    static final Duration ON_TIME = Duration.ofSeconds(10);
    static final int TASKS = 8;

    /** {@link Gather#gather} or a stand-in for it. */
    @FunctionalInterface
    public interface GatherFn {
        CompletableFuture<List<String>> gather(List<Supplier<CompletableFuture<String>>> tasks);
    }

    /** {@link Gather#gatherWithin} or a stand-in for it. */
    @FunctionalInterface
    public interface GatherWithinFn {
        CompletableFuture<List<String>> gatherWithin(List<Supplier<CompletableFuture<String>>> tasks, Duration timeout);
    }

    /** A task's own failure, so the check can tell it from a wrapper or anything made up. */
    static final class TaskFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TaskFailed(String message) {
            super(message);
        }
    }

    // ---------------------------------------------------------------- held tasks

    /**
     * One call of gather over tasks the grader holds: what was started when, and what the call and
     * its future did while the grader completed the tasks in {@link #order}.
     */
    static final class Held {
        final String method;
        final int n;
        final int[] order;
        final Throwable[] fails;
        final RuntimeException[] supplierThrows;
        final List<CompletableFuture<String>> futures = new ArrayList<>();
        final AtomicIntegerArray calls;
        final boolean[] completed;
        volatile Thread caller;
        volatile boolean callEnded;
        volatile Throwable callThrew;
        volatile CompletableFuture<List<String>> result;
        volatile boolean doneAtReturn;
        volatile int startedAtFirstCompletion = -1;
        volatile Boolean endedAtFirstCompletion;
        volatile int completionsWhenDone = -1;
        volatile int completions;
        volatile Throwable driverFailure;
        /** The threads that called a supplier (started a task). */
        final Set<Thread> startedOn = ConcurrentHashMap.newKeySet();
        /** Whether to look for threads parked in join()/get() on the tasks while gather is in flight. */
        volatile boolean watchJoiners;
        /** Threads that started a task and then sat parked in join()/get(), with where: none for a gather that does not block. */
        final List<Thread> joiners = new CopyOnWriteArrayList<>();
        volatile String joinersDump = "";

        Held(String method, int n, int[] order) {
            this.method = method;
            this.n = n;
            this.order = order;
            this.fails = new Throwable[n];
            this.supplierThrows = new RuntimeException[n];
            this.calls = new AtomicIntegerArray(n);
            this.completed = new boolean[n];
            for (int i = 0; i < n; i++) {
                futures.add(new CompletableFuture<>());
            }
        }

        static String value(int i) {
            return "task-" + (i + 1);
        }

        List<String> expected() {
            return IntStream.range(0, n).mapToObj(Held::value).collect(Collectors.toList());
        }

        /** The tasks: calling one starts it (the grader counts the call) and gives its future. */
        List<Supplier<CompletableFuture<String>>> suppliers() {
            List<Supplier<CompletableFuture<String>>> list = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                list.add(() -> {
                    startedOn.add(Thread.currentThread());
                    calls.incrementAndGet(index);
                    if (supplierThrows[index] != null) {
                        throw supplierThrows[index];
                    }
                    return futures.get(index);
                });
            }
            return list;
        }

        int started() {
            int s = 0;
            for (int i = 0; i < n; i++) {
                if (calls.get(i) > 0) {
                    s++;
                }
            }
            return s;
        }

        /** How many tasks had been started when gather began to wait (the first completion, or never). */
        int startedBeforeWaiting() {
            return startedAtFirstCompletion >= 0 ? startedAtFirstCompletion : started();
        }

        boolean blocked() {
            return endedAtFirstCompletion != null && !endedAtFirstCompletion;
        }

        private boolean stalled(long since) {
            long elapsed = System.nanoTime() - since;
            return (elapsed >= STALL.toNanos() && (callEnded || ThreadWatch.isParked(caller)))
                    || elapsed >= STALL_MAX.toNanos();
        }

        /**
         * Runs beside the call: waits until every task is started (or the start stalls), then until
         * the call returns (or it stalls), then completes the tasks in {@link #order}. A stall means
         * the code is waiting for a task: from then on, every started task is completed at once.
         */
        void drive() {
            try {
                long deadline = System.nanoTime() + LIMIT.toNanos();
                while (caller == null && System.nanoTime() < deadline) {
                    pause();
                }
                int seen = -1;
                long since = System.nanoTime();
                while (started() < n) {
                    if (callEnded && callThrew != null) {
                        return; // the call failed outright: nothing to drive
                    }
                    int s = started();
                    if (s != seen) {
                        seen = s;
                        since = System.nanoTime();
                    } else if (stalled(since)) {
                        findJoiners();
                        feed();
                        return;
                    }
                    pause();
                }
                since = System.nanoTime();
                while (!callEnded && !stalled(since)) {
                    pause();
                }
                findJoiners();
                for (int i : order) {
                    complete(i);
                }
            } catch (Throwable t) {
                driverFailure = t;
            }
        }

        /**
         * While every task is held (none complete), each thread that started a task, other than
         * the caller, must come to rest somewhere other than in a wait for a future: it returned to
         * its pool (parked there), or it ended. A thread parked in {@code join()} or {@code get()}
         * (the {@code supplyAsync(() -> task.get().join())} pattern) holds a thread per task for as
         * long as the task runs. Waits for a state (parked or ended), not for a time.
         */
        private void findJoiners() throws InterruptedException {
            if (!watchJoiners) {
                return;
            }
            for (Thread t : startedOn) {
                if (t == caller) {
                    continue;
                }
                Thread.State state = ThreadWatch.of(t).untilBlockedOrEnded(STALL_MAX);
                if (ThreadWatch.isBlocked(state) && waitsForAFuture(t.getStackTrace())) {
                    joiners.add(t);
                }
            }
            if (!joiners.isEmpty()) {
                joinersDump = ThreadDump.describe(joiners.subList(0, Math.min(2, joiners.size())));
            }
        }

        /** Whether a stack is inside a wait for a future's result: CompletableFuture.join/get, Future.get, ForkJoinTask.join/get. */
        static boolean waitsForAFuture(StackTraceElement[] stack) {
            for (StackTraceElement f : stack) {
                String c = f.getClassName();
                String m = f.getMethodName();
                if ((c.equals("java.util.concurrent.CompletableFuture") && (m.equals("join") || m.equals("get")
                        || m.equals("waitingGet") || m.equals("timedGet")))
                        || (c.equals("java.util.concurrent.FutureTask") && (m.equals("get") || m.equals("awaitDone")))
                        || (c.equals("java.util.concurrent.ForkJoinTask") && (m.equals("join") || m.equals("get")))) {
                    return true;
                }
            }
            return false;
        }

        /** Completes every started task as soon as it is started, until all are done or nothing more starts. */
        private void feed() throws Exception {
            long since = System.nanoTime();
            while (completions < n) {
                boolean progressed = false;
                for (int i = 0; i < n; i++) {
                    if (!completed[i] && calls.get(i) > 0) {
                        complete(i);
                        progressed = true;
                    }
                }
                if (progressed) {
                    since = System.nanoTime();
                } else if (stalled(since)) {
                    return; // the rest never started
                }
                pause();
            }
        }

        private void complete(int i) throws Exception {
            if (completions == 0) {
                startedAtFirstCompletion = started();
                endedAtFirstCompletion = callEnded;
            }
            noteDone();
            if (supplierThrows[i] == null) {
                // The student's callbacks run right here, on the completing thread: under a time limit.
                StudentCall.run(Messages.get("async.call.complete-task", method, i + 1), LIMIT, () -> {
                    if (fails[i] != null) {
                        futures.get(i).completeExceptionally(fails[i]);
                    } else {
                        futures.get(i).complete(value(i));
                    }
                });
            }
            completed[i] = true;
            completions++;
            noteDone();
        }

        private void noteDone() {
            CompletableFuture<List<String>> r = result;
            if (completionsWhenDone < 0 && r != null && r.isDone()) {
                completionsWhenDone = completions;
            }
        }

        private static void pause() throws InterruptedException {
            Thread.sleep(1); // polling what the code under test has done so far, not synchronising with it
        }

        String describeOrder() {
            return Arrays.stream(order).mapToObj(i -> String.valueOf(i + 1)).collect(Collectors.joining(", "));
        }
    }

    /**
     * Calls {@code call} over the held tasks while a driver thread completes them. With
     * {@code tolerateThrow}, an exception thrown by the call itself is kept in {@link Held#callThrew}
     * instead of failing the check.
     */
    static Held observe(Held h, Function<List<Supplier<CompletableFuture<String>>>, CompletableFuture<List<String>>> call,
            String what, boolean tolerateThrow) throws Exception {
        Thread driver = new Thread(h::drive, "grader-async-driver");
        driver.setDaemon(true);
        driver.start();
        try {
            StudentCall.run(what, LIMIT, () -> {
                h.caller = Thread.currentThread();
                try {
                    CompletableFuture<List<String>> f = call.apply(h.suppliers());
                    h.doneAtReturn = f != null && f.isDone();
                    h.result = f;
                } catch (Throwable t) {
                    h.callThrew = t;
                } finally {
                    h.callEnded = true;
                }
            });
        } finally {
            driver.join(LIMIT.toMillis());
        }
        Throwable threw = h.callThrew;
        if (threw != null && (!tolerateThrow || isTodo(threw))) {
            rethrow(threw);
        }
        if (h.driverFailure != null) {
            rethrow(h.driverFailure);
        }
        return h;
    }

    static int[] reverse(int n) {
        return IntStream.range(0, n).map(i -> n - 1 - i).toArray();
    }

    static Held gatherReversed(String method, int n,
            Function<List<Supplier<CompletableFuture<String>>>, CompletableFuture<List<String>>> call, String what) throws Exception {
        return observe(new Held(method, n, reverse(n)), call, what, false);
    }

    // ---------------------------------------------------------------- the returned future

    /** What the returned future did: completed (with a value or a failure), or not within the wait. */
    record Outcome(boolean done, List<String> value, Throwable failure) {
    }

    /** Waits for {@code f} at most {@code wait}; the exception is exactly what the future holds. */
    static Outcome outcome(CompletableFuture<List<String>> f, Duration wait) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Outcome> out = new AtomicReference<>();
        StudentCall.run(Messages.get("async.call.read-future"), LIMIT, () -> f.whenComplete((value, failure) -> {
            out.set(new Outcome(true, value == null ? null : new ArrayList<>(value), failure));
            done.countDown();
        }));
        done.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        Outcome o = out.get();
        return o != null ? o : new Outcome(false, null, null);
    }

    static void requireFuture(Held h) {
        CheckFailure.require(h.result != null, "async.null-future", h.method);
    }

    /** Every supplier called exactly once. */
    static void requireEachStartedOnce(Held h) {
        for (int i = 0; i < h.n; i++) {
            CheckFailure.require(h.calls.get(i) > 0, "async.not-started", h.method, i + 1, h.n);
            CheckFailure.require(h.calls.get(i) == 1, "async.started-twice", h.method, i + 1, h.calls.get(i));
        }
    }

    static void requireAllStartedFirst(Held h) {
        CheckFailure.require(h.startedBeforeWaiting() == h.n, "async.sequential", h.method, h.startedBeforeWaiting(), h.n);
    }

    static void requireNotBlocking(Held h) {
        CheckFailure.require(!h.blocked(), "async.blocks", h.method, h.n);
        CheckFailure.require(!h.doneAtReturn, "async.done-at-return", h.method, h.n);
    }

    /** The returned future completes, normally, only after the last task, with every result in task order. */
    static void requireResultsInOrder(Held h) throws Exception {
        Outcome o = outcome(h.result, SETTLE);
        CheckFailure.require(o.done(), "async.never-completes", h.method, h.n, SETTLE.toSeconds());
        if (o.failure() != null) {
            throw CheckFailure.because(o.failure(), "async.failed", h.method, h.n, describe(o.failure()));
        }
        CheckFailure.require(h.completionsWhenDone < 0 || h.completionsWhenDone >= h.n, "async.done-early", h.method,
                h.completionsWhenDone, h.n);
        CheckFailure.require(h.expected().equals(o.value()), "async.order", h.method, h.describeOrder(), h.expected(),
                o.value());
    }

    // ---------------------------------------------------------------- gather: started at once

    /**
     * gather calls every supplier (starts every task) before it waits for any of them: the grader
     * completes nothing until all 8 are started or gather stops making progress. Each supplier is
     * called exactly once.
     */
    public static void gatherStartsAllAtOnce(GatherFn fn) throws Exception {
        Held h = gatherReversed("Gather.gather", TASKS, fn::gather, Messages.get("async.call.held", "Gather.gather", TASKS));
        requireFuture(h);
        requireEachStartedOnce(h);
        requireAllStartedFirst(h);
    }

    // ---------------------------------------------------------------- gather: does not block

    /**
     * gather returns while all 8 tasks are still running (the grader holds them), with a future
     * that is not complete yet: it never blocks its caller.
     */
    public static void gatherDoesNotBlock(GatherFn fn) throws Exception {
        Held h = new Held("Gather.gather", TASKS, reverse(TASKS));
        h.watchJoiners = true;
        observe(h, fn::gather, Messages.get("async.call.held", "Gather.gather", TASKS), false);
        requireFuture(h);
        requireNotBlocking(h);
        CheckFailure.require(h.joiners.isEmpty(), "async.thread-per-task", h.method, h.joiners.size(), h.n, h.joinersDump);
    }

    // ---------------------------------------------------------------- gather: order

    /** A property's input: how many tasks, and the order in which the grader completes them. */
    record Shuffle(int n, int[] order) {
        @Override
        public String toString() {
            return Messages.get("async.shuffle", n,
                    Arrays.stream(order).mapToObj(i -> String.valueOf(i + 1)).collect(Collectors.joining(", ")));
        }
    }

    static Shuffle shuffle(int n, long seed) {
        List<Integer> order = IntStream.range(0, n).boxed().collect(Collectors.toList());
        Collections.shuffle(order, new Random(seed));
        return new Shuffle(n, order.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * The results come in task order whatever the order of completion: 8 tasks completed in
     * reverse, then a property over 1..10 tasks completed in shuffled orders. The returned future
     * completes only once the last task has.
     */
    public static void gatherKeepsOrder(String checkName, GatherFn fn) throws Exception {
        Held h = gatherReversed("Gather.gather", TASKS, fn::gather, Messages.get("async.call.reversed", "Gather.gather", TASKS));
        requireFuture(h);
        requireResultsInOrder(h);
        Property.forAll(checkName, 15,
                SourceDSL.integers().between(1, 10).zip(SourceDSL.longs().all(), AsyncChecks::shuffle),
                Shuffle::toString,
                s -> {
                    Held held = observe(new Held("Gather.gather", s.n(), s.order()), fn::gather,
                            "Gather.gather(" + s + ")", false);
                    requireFuture(held);
                    requireResultsInOrder(held);
                });
        Figures.record("order.tasks", TASKS);
    }

    // ---------------------------------------------------------------- gather: failures

    /**
     * A failed task makes the returned future fail with that task's own exception (not a
     * CompletionException around it, not a null in the list, not never): a failure completed
     * first while the others still run, a failure completed last, and a supplier that throws
     * instead of returning a future (gather may also throw that exception itself).
     */
    public static void gatherFailureSurfaces(GatherFn fn) throws Exception {
        Held first = new Held("Gather.gather", 4, new int[] {2, 0, 1, 3});
        first.fails[2] = new TaskFailed(Messages.get("async.fail.task", 3));
        failureScenario(first, fn, 3, first.fails[2], Messages.get("async.call.fails-first", "Gather.gather", 4, 3));

        Held last = new Held("Gather.gather", 4, reverse(4));
        last.fails[0] = new TaskFailed(Messages.get("async.fail.task", 1));
        failureScenario(last, fn, 1, last.fails[0], Messages.get("async.call.fails-last", "Gather.gather", 4, 1));

        Held supplier = new Held("Gather.gather", 3, new int[] {0, 1, 2});
        supplier.supplierThrows[1] = new TaskFailed(Messages.get("async.fail.supplier", 2));
        failureScenario(supplier, fn, 2, supplier.supplierThrows[1], Messages.get("async.call.supplier-throws", "Gather.gather", 3, 2));
    }

    private static void failureScenario(Held h, GatherFn fn, int taskNo, Throwable expected, String what) throws Exception {
        observe(h, fn::gather, what, true);
        String kind = describe(expected);
        Throwable failure = h.callThrew;
        if (failure == null) {
            requireFuture(h);
            Outcome o = outcome(h.result, SETTLE);
            CheckFailure.require(o.done(), "async.failure.never", h.method, taskNo, kind, SETTLE.toSeconds());
            CheckFailure.require(o.failure() != null, "async.failure.swallowed", h.method, taskNo, kind, o.value());
            failure = o.failure();
        }
        if (failure != expected) {
            CheckFailure.require(!causedBy(failure, expected), "async.failure.wrapped", h.method, taskNo, kind, describe(failure));
            throw CheckFailure.because(failure, "async.failure.other", h.method, taskNo, kind, describe(failure));
        }
    }

    // ---------------------------------------------------------------- gatherWithin

    /**
     * gatherWithin fails with TimeoutException when a task is late (a task that never completes,
     * a timeout of 200 ms; the grader waits up to 3 s for the future), and when every task is on
     * time (10 s timeout, 4 held tasks completed in reverse) it behaves like gather: all started at
     * once, the caller not blocked, the results in task order.
     */
    public static void gatherWithinTimesOut(GatherWithinFn fn) throws Exception {
        String method = "Gather.gatherWithin";
        List<Supplier<CompletableFuture<String>>> late = List.of(
                () -> CompletableFuture.completedFuture("on time"),
                CompletableFuture::new);
        CompletableFuture<List<String>> f = StudentCall.call(
                Messages.get("async.call.within-late", method, LATE_TIMEOUT.toMillis()), LIMIT,
                () -> fn.gatherWithin(late, LATE_TIMEOUT));
        CheckFailure.require(f != null, "async.null-future", method);
        Outcome o = outcome(f, TIMEOUT_WAIT);
        CheckFailure.require(o.done(), "async.within.ignored", LATE_TIMEOUT.toMillis(), TIMEOUT_WAIT.toSeconds());
        CheckFailure.require(o.failure() != null, "async.within.completed", LATE_TIMEOUT.toMillis(), o.value());
        Throwable cause = o.failure();
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (!(cause instanceof TimeoutException)) {
            throw CheckFailure.because(o.failure(), "async.within.other", LATE_TIMEOUT.toMillis(), describe(o.failure()));
        }

        Held h = gatherReversed(method, 4, tasks -> fn.gatherWithin(tasks, ON_TIME),
                Messages.get("async.call.held-within", method, 4, ON_TIME.toSeconds()));
        requireFuture(h);
        requireEachStartedOnce(h);
        requireAllStartedFirst(h);
        requireNotBlocking(h);
        requireResultsInOrder(h);
    }

    // ---------------------------------------------------------------- no tasks

    private record Returned(CompletableFuture<List<String>> future, boolean doneAtReturn) {
    }

    /** No tasks: an already completed future of an empty list, from gather and from gatherWithin (also with a zero timeout). */
    public static void gatherOfNoTasks(GatherFn fn, GatherWithinFn within) throws Exception {
        noTasks("Gather.gather([])", () -> fn.gather(new ArrayList<>()));
        noTasks("Gather.gatherWithin([], 1 s)", () -> within.gatherWithin(new ArrayList<>(), Duration.ofSeconds(1)));
        noTasks("Gather.gatherWithin([], 0 s)", () -> within.gatherWithin(new ArrayList<>(), Duration.ZERO));
    }

    private static void noTasks(String what, Supplier<CompletableFuture<List<String>>> call) throws Exception {
        Returned r = StudentCall.call(what, LIMIT, () -> {
            CompletableFuture<List<String>> f = call.get();
            return new Returned(f, f != null && f.isDone());
        });
        CheckFailure.require(r.future() != null, "async.empty.null", what);
        CheckFailure.require(r.doneAtReturn(), "async.empty.not-done", what);
        Outcome o = outcome(r.future(), SETTLE);
        if (o.failure() != null) {
            throw CheckFailure.because(o.failure(), "async.empty.failed", what, describe(o.failure()));
        }
        CheckFailure.require(o.value() != null && o.value().isEmpty(), "async.empty.value", what, o.value());
    }

    // ---------------------------------------------------------------- bad arguments

    /**
     * A null list or task gives NullPointerException, from gather and gatherWithin; a null timeout
     * NullPointerException and a negative one IllegalArgumentException. Thrown by the method
     * itself, not through the future.
     */
    public static void rejectsBadArguments(GatherFn fn, GatherWithinFn within) throws Exception {
        Supplier<CompletableFuture<String>> task = () -> CompletableFuture.completedFuture("x");
        Duration second = Duration.ofSeconds(1);
        expect(NullPointerException.class, "Gather.gather(null)", () -> fn.gather(null));
        expect(NullPointerException.class, "Gather.gather([task, null])", () -> fn.gather(Arrays.asList(task, null)));
        expect(NullPointerException.class, "Gather.gatherWithin(null, 1 s)", () -> within.gatherWithin(null, second));
        expect(NullPointerException.class, "Gather.gatherWithin([task, null], 1 s)",
                () -> within.gatherWithin(Arrays.asList(task, null), second));
        expect(NullPointerException.class, "Gather.gatherWithin([task], null)", () -> within.gatherWithin(List.of(task), null));
        expect(IllegalArgumentException.class, "Gather.gatherWithin([task], -1 ms)",
                () -> within.gatherWithin(List.of(task), Duration.ofMillis(-1)));
    }

    static void expect(Class<? extends Exception> wanted, String call, Supplier<CompletableFuture<List<String>>> body)
            throws Exception {
        Throwable got = null;
        CompletableFuture<List<String>> returned = null;
        try {
            returned = StudentCall.call(call, LIMIT, body::get);
        } catch (CheckFailure timeout) {
            throw timeout;
        } catch (Throwable t) {
            got = t;
        }
        if (got != null && isTodo(got)) {
            rethrow(got);
        }
        if (got == null && returned != null && returned.isCompletedExceptionally()) {
            Outcome o = outcome(returned, SETTLE);
            CheckFailure.require(!wanted.isInstance(o.failure()), "async.args.through-future", call, wanted.getSimpleName());
        }
        CheckFailure.require(got != null, "check.no-exception", call, wanted.getSimpleName());
        CheckFailure.require(wanted.isInstance(got), "check.wrong-exception", call, wanted.getSimpleName(),
                got.getClass().getSimpleName(), String.valueOf(got.getMessage()));
    }

    // ---------------------------------------------------------------- helpers

    /** An exception for a message: the grader's own by its short name, anything else by its full one. */
    static String describe(Throwable t) {
        if (t == null) {
            return "null";
        }
        String name = t.getClass().getName().startsWith("lab.grader.") ? t.getClass().getSimpleName() : t.getClass().getName();
        return name + ": " + t.getMessage();
    }

    private static boolean causedBy(Throwable t, Throwable cause) {
        for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c == cause) {
                return true;
            }
        }
        return false;
    }

    static boolean isTodo(Throwable t) {
        return t instanceof UnsupportedOperationException && String.valueOf(t.getMessage()).startsWith("TODO");
    }

    private static void rethrow(Throwable t) throws Exception {
        if (t instanceof Exception e) {
            throw e;
        }
        throw (Error) t;
    }

    // ---------------------------------------------------------------- graded checks (rubric ids)

    @Test
    public void gatherStartsAllAtOnce() throws Exception {
        gatherStartsAllAtOnce(Gather::gather);
    }

    @Test
    public void gatherDoesNotBlock() throws Exception {
        gatherDoesNotBlock(Gather::gather);
    }

    @Test
    public void gatherKeepsOrder() throws Exception {
        gatherKeepsOrder("gatherKeepsOrder", Gather::gather);
    }

    @Test
    public void gatherFailureSurfaces() throws Exception {
        gatherFailureSurfaces(Gather::gather);
    }

    @Test
    public void gatherWithinTimesOut() throws Exception {
        gatherWithinTimesOut(Gather::gatherWithin);
    }

    @Test
    public void gatherOfNoTasks() throws Exception {
        gatherOfNoTasks(Gather::gather, Gather::gatherWithin);
    }

    @Test
    public void rejectsBadArguments() throws Exception {
        rejectsBadArguments(Gather::gather, Gather::gatherWithin);
    }
}
