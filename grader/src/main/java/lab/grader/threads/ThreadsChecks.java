package lab.grader.threads;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import lab.grader.harness.CheckFailure;
import lab.grader.harness.Figures;
import lab.grader.harness.LeakGuard;
import lab.grader.harness.PeakGauge;
import lab.grader.harness.Property;
import lab.grader.harness.StudentCall;
import lab.grader.harness.ThreadDump;
import lab.grader.harness.Timeline;
import lab.grader.harness.ThreadWatch;
import lab.grader.i18n.Messages;
import lab.threads.Interleaving;
import lab.threads.Threads;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

/**
 * The threads exercise's checks: "tasks really ran at the same time; main really waited".
 *
 * <p>Check functions over the implementation under test ({@link StartNamed}, {@link RunAll},
 * {@link Alternate}) first, so the project's own tests can prove each one rejects known-broken
 * code; the {@code @Test} methods at the end bind them to the student's classes, and their names
 * are the rubric's check ids.
 *
 * <p>Simultaneity is proven with a barrier that only tasks running at the same time can pass, and
 * "the caller waited" with tasks that hold on until the call returns (or a short while passes): a
 * task that sees the call return before it ended proves the call did not wait for it.
 */
public class ThreadsChecks {
    static final Duration LIMIT = StudentCall.LIMIT;
    /** How long a task waits at the barrier for the others: far longer than starting 8 threads takes. */
    static final Duration BARRIER_WAIT = Duration.ofSeconds(2);
    /** How long a held task waits for the call to return before it ends on its own. */
    static final Duration HOLD = Duration.ofMillis(300);
    /** How long the seed case's sink takes over its first item: a slow consumer, as on a busy machine. */
    static final Duration SLOW_SINK = Duration.ofMillis(200);
    /** How long the seed case's sink waits for the other sending thread to be seen waiting (not spinning). */
    static final Duration PARK_WAIT = Duration.ofSeconds(1);
    /** How long an interrupted call may keep waiting before the grader releases what it waits for. */
    static final Duration INTERRUPT_GRACE = Duration.ofSeconds(1);
    /** How long the threads of an interrupted call may take to end once the grader's work is let go. */
    static final Duration LEAK_GRACE = Duration.ofSeconds(1);
    /** How long a waiting caller gets to park before the grader measures whether it spins instead. */
    static final Duration SPIN_LOOK = Duration.ofSeconds(2);

    /** {@link Threads#startNamed} or a stand-in for it. */
    @FunctionalInterface
    public interface StartNamed {
        Thread startNamed(String name, Runnable task);
    }

    /** {@link Threads#runAllAndWait} or a stand-in for it. */
    @FunctionalInterface
    public interface RunAll {
        void runAllAndWait(List<Runnable> tasks) throws InterruptedException;
    }

    /** {@link Interleaving#alternate} or a stand-in for it. */
    @FunctionalInterface
    public interface Alternate {
        void alternate(List<String> first, List<String> second, Consumer<String> sink) throws InterruptedException;
    }

    // ---------------------------------------------------------------- startNamed

    /** What the call to startNamed gave back, seen from the calling thread right after it returned. */
    private record Started(Thread caller, Thread thread, Thread.State state, boolean daemon) {
    }

    /**
     * The seed program "Simple": main starts a task on a named thread, then joins it. The thread
     * comes back started, non-daemon (also when the caller is a daemon thread), with the name
     * given, and the task runs on that very thread, once, not on the caller.
     */
    public static void startNamedStartsATask(StartNamed start) throws Exception {
        String name = "seed-task";
        List<Thread> ranOn = new CopyOnWriteArrayList<>();
        AtomicReference<String> nameAtStart = new AtomicReference<>();
        Runnable task = () -> {
            Thread me = Thread.currentThread();
            nameAtStart.compareAndSet(null, me.getName());
            ranOn.add(me);
        };
        Started s = StudentCall.call("Threads.startNamed(\"seed-task\", task)", LIMIT, () -> {
            Thread t = start.startNamed(name, task);
            return new Started(Thread.currentThread(), t, t == null ? null : t.getState(), t != null && t.isDaemon());
        });
        CheckFailure.require(s.thread() != null, "threads.start.null");
        CheckFailure.require(!ranOn.contains(s.caller()), "threads.start.on-caller");
        CheckFailure.require(s.state() != Thread.State.NEW, "threads.start.not-started");
        // Main waits for the task, as in the seed: join() returns only when the thread has ended.
        StudentCall.run(Messages.get("threads.call.join-returned"), LIMIT, () -> s.thread().join());
        CheckFailure.require(!ranOn.isEmpty(), "threads.start.never-ran");
        CheckFailure.require(ranOn.size() == 1, "threads.start.ran-twice", ranOn.size());
        CheckFailure.require(ranOn.get(0) == s.thread(), "threads.start.other-thread", ranOn.get(0).getName(), s.thread().getName());
        CheckFailure.require(name.equals(s.thread().getName()), "threads.start.name", name, s.thread().getName());
        CheckFailure.require(name.equals(nameAtStart.get()), "threads.start.name-late", name, nameAtStart.get());
        CheckFailure.require(!s.daemon(), "threads.start.daemon");

        // The same call from a daemon thread: a new thread inherits the daemon flag unless told otherwise.
        Thread fromDaemon = StudentCall.call(Messages.get("threads.call.from-daemon", "Threads.startNamed(\"from-daemon\", task)"), LIMIT, () -> {
            AtomicReference<Object> out = new AtomicReference<>();
            Thread daemonCaller = new Thread(() -> {
                try {
                    out.set(start.startNamed("from-daemon", () -> { }));
                } catch (Throwable e) {
                    out.set(e);
                }
            }, "grader-daemon-caller");
            daemonCaller.setDaemon(true);
            daemonCaller.start();
            daemonCaller.join();
            rethrow(out.get());
            return (Thread) out.get();
        });
        CheckFailure.require(fromDaemon != null, "threads.start.null");
        boolean daemon = fromDaemon.isDaemon();
        StudentCall.run(Messages.get("threads.call.join-returned"), LIMIT, fromDaemon::join);
        CheckFailure.require(!daemon, "threads.start.inherits-daemon");
    }

    // ---------------------------------------------------------------- runAllAndWait: at once

    /**
     * runAllAndWait runs 2, 4 and 8 tasks each on a thread of its own, none on the caller, all at
     * the same time: every task waits at a barrier for all the others, which only tasks running at
     * once can pass. A sequential version gets stuck there and is reported as "ran one at a time".
     */
    public static void runAllRunsAtOnce(RunAll run) throws Exception {
        for (int n : new int[] {2, 4, 8}) {
            CyclicBarrier barrier = new CyclicBarrier(n);
            PeakGauge atBarrier = new PeakGauge();
            AtomicInteger met = new AtomicInteger();
            AtomicIntegerArray runs = new AtomicIntegerArray(n);
            Set<Thread> threads = ConcurrentHashMap.newKeySet();
            List<Runnable> tasks = new ArrayList<>();
            // Each task's lane, and the caller's wait, for the report page (the run with 4 tasks).
            Timeline lanes = new Timeline("timeline.concurrent");
            for (int i = 0; i < n; i++) {
                int index = i;
                tasks.add(() -> {
                    long t0 = lanes.enter();
                    threads.add(Thread.currentThread());
                    runs.incrementAndGet(index);
                    atBarrier.enter();
                    try {
                        barrier.await(BARRIER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                        met.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (Exception notAllThere) {
                        // timed out or broken: the tasks were not all running at the same time
                    } finally {
                        atBarrier.exit();
                        lanes.exit(t0);
                    }
                });
            }
            Thread caller = StudentCall.call(Messages.get("threads.call.run-all", "Threads.runAllAndWait", n), LIMIT, () -> {
                long t0 = lanes.enter();
                run.runAllAndWait(tasks);
                lanes.waited(t0);
                return Thread.currentThread();
            });
            if (n == 4) {
                lanes.publish();
            }
            CheckFailure.require(!threads.contains(caller), "threads.run.on-caller", n);
            CheckFailure.require(atBarrier.peak() > 1, "threads.run.one-at-a-time", n);
            CheckFailure.require(met.get() == n, "threads.run.partly-at-once", n, atBarrier.peak());
            CheckFailure.require(threads.size() == n, "threads.run.thread-count", n, threads.size());
            for (int i = 0; i < n; i++) {
                CheckFailure.require(runs.get(i) == 1, "threads.run.ran-count", i + 1, n, runs.get(i));
            }
            Figures.record("barrier.met", met.get());
            Figures.record("barrier.tasks", n);
        }
    }

    // ---------------------------------------------------------------- runAllAndWait: waits

    /** What the caller saw when its call returned (or threw). */
    private record Returned(int endedAtReturn, boolean[] effects, Throwable thrown) {
    }

    /**
     * runAllAndWait returns only after every task has ended, and the tasks' writes are visible to
     * the caller then. All tasks but one hold on until the call returns (or {@link #HOLD} passes):
     * a call that returns early, or joins only the quick task, is seen returning while the others
     * still run. The quick task is the last one, then the first one.
     */
    public static void runAllWaitsForAll(RunAll run) throws Exception {
        int n = 4;
        for (int quick : new int[] {n - 1, 0}) {
            CountDownLatch returned = new CountDownLatch(1);
            AtomicInteger ended = new AtomicInteger();
            AtomicBoolean endedAfterReturn = new AtomicBoolean();
            boolean[] effects = new boolean[n]; // plain writes on purpose: join() is what makes them visible
            List<Runnable> tasks = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                tasks.add(() -> {
                    if (index != quick) {
                        hold(returned, HOLD);
                    }
                    if (returned.getCount() == 0) {
                        endedAfterReturn.set(true);
                    }
                    effects[index] = true;
                    ended.incrementAndGet();
                });
            }
            Returned r = StudentCall.call("Threads.runAllAndWait(4 tasks)", LIMIT, () -> {
                try {
                    run.runAllAndWait(tasks);
                    return new Returned(ended.get(), effects.clone(), null);
                } finally {
                    returned.countDown();
                }
            });
            int visible = count(r.effects());
            CheckFailure.require(r.endedAtReturn() == n && !endedAfterReturn.get(), "threads.wait.returned-early",
                    n - r.endedAtReturn(), n);
            CheckFailure.require(visible == n, "threads.wait.not-visible", n - visible, n);
        }
        Figures.record("waited.tasks", n);
    }

    // ---------------------------------------------------------------- runAllAndWait: failures

    /** A task's own failure, so the check can tell it from anything the implementation made up. */
    static final class TaskFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TaskFailure(String message) {
            super(message);
        }
    }

    /** The same for an Error. */
    static final class TaskError extends Error {
        private static final long serialVersionUID = 1L;

        TaskError(String message) {
            super(message);
        }
    }

    /**
     * A task that throws does not get lost: runAllAndWait rethrows that very exception (not a
     * wrapper), and only after every other task has ended, including a slow one. Once with a
     * RuntimeException from the first task, once with an Error from the last one.
     */
    public static void runAllRethrowsAfterAll(RunAll run) throws Exception {
        rethrowScenario(run, 0, 1, new TaskFailure(Messages.get("threads.fail.task", 1)));
        rethrowScenario(run, 2, 0, new TaskError(Messages.get("threads.fail.task", 3)));
    }

    private static void rethrowScenario(RunAll run, int failAt, int slowAt, Throwable failure) throws Exception {
        int n = 3;
        CountDownLatch returned = new CountDownLatch(1);
        AtomicInteger ended = new AtomicInteger();
        AtomicBoolean endedAfterReturn = new AtomicBoolean();
        List<Runnable> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            tasks.add(() -> {
                if (index == failAt) {
                    if (failure instanceof RuntimeException re) {
                        throw re;
                    }
                    throw (Error) failure;
                }
                if (index == slowAt) {
                    hold(returned, HOLD);
                }
                if (returned.getCount() == 0) {
                    endedAfterReturn.set(true);
                }
                ended.incrementAndGet();
            });
        }
        String what = Messages.get("threads.call.run-all-throws", "Threads.runAllAndWait", n, failAt + 1, failure.getClass().getSimpleName());
        Returned r = StudentCall.call(what, LIMIT, () -> {
            try {
                run.runAllAndWait(tasks);
                return new Returned(ended.get(), null, null);
            } catch (Throwable t) {
                return new Returned(ended.get(), null, t);
            } finally {
                returned.countDown();
            }
        });
        Throwable thrown = r.thrown();
        rethrowTodo(thrown);
        String kind = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        CheckFailure.require(thrown != null, "threads.rethrow.swallowed", failAt + 1, kind);
        CheckFailure.require(r.endedAtReturn() == n - 1 && !endedAfterReturn.get(), "threads.rethrow.too-early",
                failAt + 1, n - 1 - r.endedAtReturn(), n - 1);
        if (thrown != failure) {
            String got = thrown.getClass().getName() + ": " + thrown.getMessage();
            CheckFailure.require(!causedBy(thrown, failure), "threads.rethrow.wrapped", failAt + 1, kind, got);
            throw CheckFailure.because(thrown, "threads.rethrow.other", failAt + 1, kind, got);
        }
    }

    // ---------------------------------------------------------------- alternate

    /** One call of the sink: what was sent, from which thread. */
    private record Sent(String item, Thread from) {
    }

    /**
     * A sink that records every call with its thread, notices two calls at once, and (in the seed
     * case) takes its time over the first item while it looks at the other sending thread: a thread
     * waiting for its turn should be parked, not spinning.
     */
    static final class Recorder implements Consumer<String> {
        final List<Sent> sent = new CopyOnWriteArrayList<>();
        final PeakGauge inside = new PeakGauge();
        private final boolean slowFirst;
        volatile Thread caller;
        volatile Set<Thread> before = Set.of();
        volatile boolean otherSeenParked = true;
        volatile String otherStates = "";

        Recorder(boolean slowFirst) {
            this.slowFirst = slowFirst;
        }

        @Override
        public void accept(String item) {
            inside.enter();
            try {
                sent.add(new Sent(item, Thread.currentThread()));
                if (slowFirst && sent.size() == 1) {
                    watchTheOtherSender();
                }
            } finally {
                inside.exit();
            }
        }

        /**
         * Holds the first item at least {@link #SLOW_SINK} and until a thread the call started
         * (other than this one) is seen parked, at most {@link #PARK_WAIT}.
         */
        private void watchTheOtherSender() {
            long start = System.nanoTime();
            boolean parked = false;
            List<Thread> others = List.of();
            try {
                while (true) {
                    long elapsed = System.nanoTime() - start;
                    others = ThreadDump.startedSince(before).stream()
                            .filter(t -> t != Thread.currentThread() && t != caller && !t.getName().startsWith("grader-"))
                            .collect(Collectors.toList());
                    parked = parked || ThreadWatch.anyParked(others);
                    if ((parked && elapsed >= SLOW_SINK.toNanos()) || elapsed >= PARK_WAIT.toNanos()) {
                        break;
                    }
                    Thread.sleep(1); // a slow consumer, and polling thread states: not synchronisation
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            otherSeenParked = parked;
            otherStates = others.stream().map(t -> "\"" + t.getName() + "\" " + t.getState()).collect(Collectors.joining(", "));
        }

        List<String> items() {
            return sent.stream().map(Sent::item).collect(Collectors.toList());
        }
    }

    /** first[0], second[0], first[1], second[1], ... */
    static List<String> interleaved(List<String> first, List<String> second) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < first.size(); i++) {
            out.add(first.get(i));
            out.add(second.get(i));
        }
        return out;
    }

    /** Calls alternate and checks the order, the threads, and one call at a time. */
    static Recorder alternateOnce(Alternate alt, List<String> first, List<String> second, boolean slowFirst) throws Exception {
        Recorder sink = new Recorder(slowFirst);
        List<String> expected = interleaved(first, second);
        String what = "Interleaving.alternate(" + first + ", " + second + ", sink)";
        List<String> atReturn = StudentCall.call(what, LIMIT, () -> {
            sink.caller = Thread.currentThread();
            sink.before = new HashSet<>(Thread.getAllStackTraces().keySet());
            alt.alternate(first, second, sink);
            return sink.items();
        });
        CheckFailure.require(atReturn.equals(expected), "threads.alternate.order", expected, atReturn,
                firstDifference(expected, atReturn));
        List<Sent> sent = List.copyOf(sink.sent);
        Set<Thread> fromFirst = new HashSet<>();
        Set<Thread> fromSecond = new HashSet<>();
        for (int i = 0; i < sent.size(); i++) {
            CheckFailure.require(sent.get(i).from() != sink.caller, "threads.alternate.on-caller", sent.get(i).item());
            (i % 2 == 0 ? fromFirst : fromSecond).add(sent.get(i).from());
        }
        if (!sent.isEmpty()) {
            boolean oneThread = fromFirst.size() == 1 && fromFirst.equals(fromSecond);
            CheckFailure.require(!oneThread, "threads.alternate.one-thread", sent.get(0).from().getName());
            CheckFailure.require(fromFirst.size() == 1, "threads.alternate.thread-per-item", Messages.get("threads.list.first"),
                    fromFirst.size());
            CheckFailure.require(fromSecond.size() == 1, "threads.alternate.thread-per-item", Messages.get("threads.list.second"),
                    fromSecond.size());
        }
        CheckFailure.require(sink.inside.peak() <= 1, "threads.alternate.overlap");
        return sink;
    }

    /**
     * The seed's Example 1, made strict: numbers 1..5 and letters a..e come out as 1 a 2 b 3 c 4 d
     * 5 e, each list from its own thread (neither the caller), the sink called by one thread at a
     * time. The sink is slow on the first item (a busy machine): turns taken by sleeping break; and
     * meanwhile the other sending thread must be seen waiting (parked), not spinning.
     */
    public static void alternateSeedCase(Alternate alt) throws Exception {
        List<String> numbers = List.of("1", "2", "3", "4", "5");
        List<String> letters = List.of("a", "b", "c", "d", "e");
        Recorder sink = alternateOnce(alt, numbers, letters, true);
        CheckFailure.require(sink.otherSeenParked, "threads.alternate.busy-wait", PARK_WAIT.toMillis(), sink.otherStates);
        Figures.record("alternate.items", numbers.size() + letters.size());
    }

    /** Two lists of equal length, as the property's input. */
    record ListPair(List<String> first, List<String> second) {
        @Override
        public String toString() {
            return Messages.get("threads.alternate.pair", first.size(), first, second);
        }
    }

    /** Lists of 0..40 short strings over a tiny alphabet (so items repeat, within and across lists). */
    static ListPair pair(int size, long seed) {
        Random random = new Random(seed);
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            first.add(word(random));
            second.add(word(random));
        }
        return new ListPair(first, second);
    }

    private static String word(Random random) {
        int length = 1 + random.nextInt(3);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append("ab1".charAt(random.nextInt(3)));
        }
        return b.toString();
    }

    /** Property: strict alternation, one thread per list, for lists of 0..40 items. */
    public static void alternateStrictProperty(String checkName, Alternate alt) throws Exception {
        alternateOnce(alt, List.of("x"), List.of("y"), false); // the smallest case first, with a plain message
        Property.forAll(checkName, 30,
                SourceDSL.integers().between(0, 40).zip(SourceDSL.longs().all(), ThreadsChecks::pair),
                ListPair::toString,
                p -> alternateOnce(alt, p.first(), p.second(), false));
    }

    // ---------------------------------------------------------------- bad arguments

    /**
     * The contract's edge cases: null arguments give NullPointerException, lists of different
     * lengths IllegalArgumentException, all before any thread starts; empty inputs are fine.
     */
    public static void rejectsBadArguments(StartNamed start, RunAll run, Alternate alt) throws Exception {
        Runnable nothing = () -> { };
        StudentCall.expectThrows(NullPointerException.class, "Threads.startNamed(null, task)", () -> start.startNamed(null, nothing));
        StudentCall.expectThrows(NullPointerException.class, "Threads.startNamed(\"worker\", null)", () -> start.startNamed("worker", null));
        StudentCall.expectThrows(NullPointerException.class, "Threads.runAllAndWait(null)", () -> run.runAllAndWait(null));

        // A null task after a good one: nothing may start before the NullPointerException.
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean ran = new AtomicBoolean();
        Runnable held = () -> {
            ran.set(true);
            hold(release, HOLD);
        };
        LeakGuard guard = LeakGuard.snapshot();
        try {
            StudentCall.expectThrows(NullPointerException.class, "Threads.runAllAndWait([task, null])",
                    () -> run.runAllAndWait(Arrays.asList(held, null)));
            List<Thread> started = guard.leaked(Duration.ZERO);
            CheckFailure.require(!ran.get() && started.isEmpty(), "threads.run.started-before-npe", LeakGuard.names(started));
        } finally {
            release.countDown();
        }
        StudentCall.run("Threads.runAllAndWait([])", LIMIT, () -> run.runAllAndWait(List.of()));

        Recorder sink = new Recorder(false);
        List<String> two = List.of("1", "2");
        StudentCall.expectThrows(NullPointerException.class, "Interleaving.alternate(null, [a, b], sink)", () -> alt.alternate(null, List.of("a", "b"), sink));
        StudentCall.expectThrows(NullPointerException.class, "Interleaving.alternate([1, 2], null, sink)", () -> alt.alternate(two, null, sink));
        StudentCall.expectThrows(NullPointerException.class, "Interleaving.alternate([1, 2], [a, b], null)", () -> alt.alternate(two, List.of("a", "b"), null));
        StudentCall.expectThrows(NullPointerException.class, "Interleaving.alternate([1, null], [a, b], sink)",
                () -> alt.alternate(Arrays.asList("1", null), List.of("a", "b"), sink));
        StudentCall.expectThrows(IllegalArgumentException.class, "Interleaving.alternate([1, 2], [a], sink)", () -> alt.alternate(two, List.of("a"), sink));
        StudentCall.expectThrows(IllegalArgumentException.class, "Interleaving.alternate([1], [a, b, c], sink)",
                () -> alt.alternate(List.of("1"), List.of("a", "b", "c"), sink));
        StudentCall.expectThrows(IllegalArgumentException.class, "Interleaving.alternate([], [a], sink)", () -> alt.alternate(List.of(), List.of("a"), sink));
        CheckFailure.require(sink.sent.isEmpty(), "threads.alternate.sent-before-check", sink.items());
        StudentCall.run("Interleaving.alternate([], [], sink)", LIMIT, () -> alt.alternate(List.of(), List.of(), sink));
        CheckFailure.require(sink.sent.isEmpty(), "threads.alternate.sent-from-empty", sink.items());
    }

    // ---------------------------------------------------------------- interrupts

    /**
     * A caller interrupted while it waits gets InterruptedException promptly, from runAllAndWait
     * (its tasks are still running) and from alternate (its sink is still busy). The grader
     * interrupts the caller once it is parked waiting, and only if the call is still waiting
     * {@link #INTERRUPT_GRACE} later does it let the tasks finish.
     */
    public static void waitsAreInterruptible(RunAll run, Alternate alt) throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Runnable held = () -> {
            entered.countDown();
            hold(release, LIMIT);
        };
        interruptScenario(Messages.get("threads.call.run-all-waiting", "Threads.runAllAndWait", 2), entered, release, () -> run.runAllAndWait(List.of(held, held)));

        CountDownLatch sinkEntered = new CountDownLatch(1);
        CountDownLatch sinkRelease = new CountDownLatch(1);
        Consumer<String> sink = item -> {
            sinkEntered.countDown();
            hold(sinkRelease, LIMIT);
        };
        interruptScenario(Messages.get("threads.call.alternate-slow-sink", "Interleaving.alternate"), sinkEntered, sinkRelease,
                () -> alt.alternate(List.of("1", "2"), List.of("a", "b"), sink));
    }

    private enum Ending { RETURNED, INTERRUPTED, INTERRUPTED_LATE }

    private static void interruptScenario(String what, CountDownLatch entered, CountDownLatch release, StudentCall.Body call)
            throws Exception {
        CountDownLatch ended = new CountDownLatch(1);
        AtomicReference<ThreadWatch.Sample> waiting = new AtomicReference<>();
        AtomicReference<String> waitingWhere = new AtomicReference<>("");
        LeakGuard guard = LeakGuard.snapshot();
        try {
            Ending ending = StudentCall.call(what, LIMIT, () -> {
                Thread caller = Thread.currentThread();
                Thread interrupter = new Thread(() -> {
                    try {
                        // Wait for the call to be under way (or over: a stub throws at once) ...
                        while (!entered.await(5, TimeUnit.MILLISECONDS) && ended.getCount() > 0) {
                            // polling two latches at once
                        }
                        // ... and for the caller to sit waiting (in join), then interrupt it. A caller
                        // that never parks is measured: a loop that waits costs a core (a failure of its
                        // own), and it is interrupted all the same.
                        ThreadWatch watch = ThreadWatch.of(caller);
                        // (A caller parked in a sleep is interrupted there, not measured: the interrupt
                        // must land while it sleeps, as it would for a sleep head start.)
                        if (ended.getCount() > 0 && !watch.parkedWithin(SPIN_LOOK) && ended.getCount() > 0) {
                            ThreadWatch.Sample sample = watch.sample(ThreadWatch.WAIT_SAMPLE);
                            if (!sample.ended() && ended.getCount() > 0 && (sample.busy() || sample.sleepPolling())) {
                                waiting.set(sample);
                                waitingWhere.set(ThreadDump.describe(List.of(caller)));
                            }
                        }
                        if (ended.getCount() > 0) {
                            caller.interrupt();
                            ended.await(INTERRUPT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        release.countDown();
                    }
                }, "grader-interrupter");
                interrupter.setDaemon(true);
                interrupter.start();
                try {
                    call.run();
                    return Ending.RETURNED;
                } catch (InterruptedException e) {
                    return release.getCount() == 0 ? Ending.INTERRUPTED_LATE : Ending.INTERRUPTED;
                } finally {
                    ended.countDown();
                    Thread.interrupted(); // clear a flag left set, so that it does not leak into the grader
                }
            });
            StudentCall.requireIdle(what, waitingWhere.get(), waiting.get(), Messages.get("check.wait.how.join"));
            CheckFailure.require(ending != Ending.RETURNED, "threads.interrupt.ignored", what);
            CheckFailure.require(ending != Ending.INTERRUPTED_LATE, "threads.interrupt.late", what, INTERRUPT_GRACE.toMillis());
            // Every interrupt scenario ends with a leak check: the grader's work is let go now, so
            // every thread the call started must end (a sender left waiting for a turn never does).
            release.countDown();
            List<Thread> left = guard.leaked(LEAK_GRACE);
            if (!left.isEmpty()) {
                throw CheckFailure.of("threads.interrupt.leak", what, left.size(), LEAK_GRACE.toMillis(),
                        ThreadDump.describe(left.subList(0, Math.min(3, left.size()))));
            }
        } catch (CheckFailure f) {
            throw f;
        } catch (UnsupportedOperationException todo) {
            throw todo;
        } catch (Exception | Error other) {
            throw CheckFailure.because(other, "threads.interrupt.other", what, other.getClass().getName(),
                    String.valueOf(other.getMessage()));
        } finally {
            release.countDown();
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Waits on {@code latch} at most {@code max}; an interrupt ends the wait (and is kept). */
    static void hold(CountDownLatch latch, Duration max) {
        try {
            latch.await(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int count(boolean[] flags) {
        int n = 0;
        for (boolean f : flags) {
            if (f) {
                n++;
            }
        }
        return n;
    }

    private static boolean causedBy(Throwable t, Throwable cause) {
        for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c == cause) {
                return true;
            }
        }
        return false;
    }

    /** Where two lists first differ, for the message. */
    static String firstDifference(List<String> expected, List<String> got) {
        int i = 0;
        while (i < expected.size() && i < got.size() && expected.get(i).equals(got.get(i))) {
            i++;
        }
        if (i == expected.size() && i == got.size()) {
            return "";
        }
        if (i >= got.size()) {
            return Messages.get("threads.alternate.missing", i + 1, expected.get(i));
        }
        if (i >= expected.size()) {
            return Messages.get("threads.alternate.extra", i + 1, got.get(i));
        }
        return Messages.get("threads.alternate.differs", i + 1, expected.get(i), got.get(i));
    }

    /** A stub's "TODO" goes to the report as "not written yet", not as a wrong answer. */
    static void rethrowTodo(Throwable t) {
        if (t instanceof UnsupportedOperationException u && String.valueOf(u.getMessage()).startsWith("TODO")) {
            throw u;
        }
    }

    private static void rethrow(Object maybeThrown) throws Exception {
        if (maybeThrown instanceof Exception e) {
            throw e;
        }
        if (maybeThrown instanceof Error e) {
            throw e;
        }
    }

    // ---------------------------------------------------------------- graded checks (rubric ids)

    @Test
    public void startNamedSeedCase() throws Exception {
        startNamedStartsATask(Threads::startNamed);
    }

    @Test
    public void runAllRunsAtOnce() throws Exception {
        runAllRunsAtOnce(Threads::runAllAndWait);
    }

    @Test
    public void runAllWaitsForAll() throws Exception {
        runAllWaitsForAll(Threads::runAllAndWait);
    }

    @Test
    public void runAllRethrowsAfterAll() throws Exception {
        runAllRethrowsAfterAll(Threads::runAllAndWait);
    }

    @Test
    public void alternateSeedCase() throws Exception {
        alternateSeedCase(Interleaving::alternate);
    }

    @Test
    public void alternateStrictProperty() throws Exception {
        alternateStrictProperty("alternateStrictProperty", Interleaving::alternate);
    }

    @Test
    public void rejectsBadArguments() throws Exception {
        rejectsBadArguments(Threads::startNamed, Threads::runAllAndWait, Interleaving::alternate);
    }

    @Test
    public void waitsAreInterruptible() throws Exception {
        waitsAreInterruptible(Threads::runAllAndWait, Interleaving::alternate);
    }
}
