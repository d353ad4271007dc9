package lab.grader.counter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import lab.counter.AtomicCounter;
import lab.counter.Counter;
import lab.counter.CounterRun;
import lab.counter.LockCounter;
import lab.counter.SynchronizedCounter;
import lab.counter.UnsafeCounter;
import lab.grader.harness.CheckFailure;
import lab.grader.harness.Events;
import lab.grader.harness.Figures;
import lab.grader.harness.GuardScan;
import lab.grader.harness.LeakGuard;
import lab.grader.harness.Linearizability;
import lab.grader.harness.Property;
import lab.grader.harness.StudentCall;
import lab.grader.harness.ThreadDump;
import lab.grader.harness.ThreadWatch;
import lab.grader.i18n.Messages;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

/**
 * The counter exercise's checks: "counters stay exact".
 *
 * <p>The first half are check functions over the implementation under test (a counter factory, a
 * {@link Run} function), so the project's own tests can prove each one rejects known-broken code.
 * The {@code @Test} methods at the end bind them to the student's classes; their names are the
 * rubric's check ids.
 */
public class CounterChecks {
    static final Duration LIMIT = StudentCall.LIMIT;
    static final int SEED_THREADS = 2;
    static final int SEED_INCREMENTS = 100_000;
    static final int SEED_ROUNDS = 10;

    /** {@link CounterRun#incrementConcurrently} or a stand-in for it. */
    @FunctionalInterface
    public interface Run {
        long incrementConcurrently(Counter counter, int threads, int incrementsPerThread) throws InterruptedException;
    }

    // ---------------------------------------------------------------- counters

    /** A fresh counter counts 0, 1, 2, 3 on one thread: the floor before any concurrency check. */
    public static Counter freshCounter(String name, Supplier<? extends Counter> factory) throws Exception {
        Counter first = StudentCall.call("new " + name + "()", LIMIT, factory::get);
        CheckFailure.require(first != null, "counter.null", name);
        StudentCall.run(Messages.get("counter.call.one-thread", name), LIMIT, () -> {
            for (int expected = 0; expected < 3; expected++) {
                long got = first.get();
                CheckFailure.require(got == expected, "counter.sequential", name, expected, got);
                first.increment();
            }
            long got = first.get();
            CheckFailure.require(got == 3, "counter.sequential", name, 3, got);
        });
        return StudentCall.call("new " + name + "()", LIMIT, factory::get);
    }

    /**
     * The seed example: 2 threads x 100,000 increments end at exactly 200,000. A race does not
     * show on every run, so the example runs up to {@value #SEED_ROUNDS} times (see {@link #worstOf}).
     */
    public static void seedCase(String name, Supplier<? extends Counter> factory) throws Exception {
        freshCounter(name, factory);
        long expected = (long) SEED_THREADS * SEED_INCREMENTS;
        long worst = StudentCall.call(Messages.get("counter.call.hammer", name, SEED_THREADS, SEED_INCREMENTS), LIMIT,
                () -> worstOf(factory));
        Figures.record("seed.total", worst);
        Figures.record("seed.expected", expected);
        recordCount(name, worst, expected, "");
        CheckFailure.require(worst == expected, "counter.lost-updates", name, worst, expected, SEED_THREADS,
                SEED_INCREMENTS, expected - worst);
    }

    /** Counted against expected for one counter, for the report page's bars ({@code demo}: the unsafe one). */
    static void recordCount(String name, long counted, long expected, String lane) {
        Events.record(new Events.Event("counts", "value", lane, 0, 0, counted, name));
        Events.record(new Events.Event("counts", "expected", lane, 0, 0, expected, name));
    }

    /**
     * The first total that is not 200,000 over up to {@value #SEED_ROUNDS} runs of the seed example,
     * each on a new counter; 200,000 when every run was exact. A race shows on most runs of an idle
     * machine but not on all of them, hence the rounds; a correct counter costs ~10 ms a round.
     */
    static long worstOf(Supplier<? extends Counter> factory) throws Exception {
        long expected = (long) SEED_THREADS * SEED_INCREMENTS;
        for (int round = 0; round < SEED_ROUNDS; round++) {
            long total = hammer(factory.get(), SEED_THREADS, SEED_INCREMENTS);
            if (total != expected) {
                return total;
            }
        }
        return expected;
    }

    /** Property: for 1..8 threads and 0..50,000 increments each, the total is exact. */
    public static void exactForAllShapes(String checkName, String name, Supplier<? extends Counter> factory) throws Exception {
        freshCounter(name, factory);
        Property.forAll(checkName, 12,
                SourceDSL.integers().between(1, 8).zip(SourceDSL.integers().between(0, 50_000), Shape::new),
                Shape::toString,
                shape -> {
                    Counter counter = StudentCall.call("new " + name + "()", LIMIT, factory::get);
                    long total = StudentCall.call(Messages.get("counter.call.hammer", name, shape.threads, shape.increments), LIMIT,
                            () -> hammer(counter, shape.threads, shape.increments));
                    long expected = (long) shape.threads * shape.increments;
                    CheckFailure.require(total == expected, "counter.lost-updates", name, total, expected, shape.threads,
                            shape.increments, expected - total);
                });
    }

    /**
     * Lincheck's budget: scenarios (iterations) x interleavings each. The smallest budget that rejected
     * every racy canary (value++, volatile value++, synchronized on a new object, a new lock per call,
     * AtomicLong get-then-set) 20 runs out of 20 was 2 x 10 (grader/bench/lincheck-budgets.sh: 1 x 15
     * and 2 x 5 rejected none, since the first scenario has no two increments at once); 3 x 20 leaves a
     * scenario and twice the interleavings to spare, at a fifth of the 3 x 100 this was.
     */
    static final int LINCHECK_ITERATIONS = 3;
    static final int LINCHECK_INVOCATIONS = 20;

    /** Lincheck model checking over increment and get: every concurrent history has a one-at-a-time explanation. */
    public static void linearizable(String name, Supplier<? extends Counter> factory) throws Exception {
        freshCounter(name, factory);
        CounterModel.factory = factory;
        StudentCall.run(Messages.get("counter.call.lincheck", name), Duration.ofSeconds(60),
                () -> Linearizability.modelCheck(CounterModel.class, name, LINCHECK_ITERATIONS, LINCHECK_INVOCATIONS));
    }

    /** What Lincheck drives: a public class with a no-arg constructor whose operations call the counter. */
    public static class CounterModel {
        static volatile Supplier<? extends Counter> factory;
        private final Counter counter = factory.get();

        @Operation
        public void increment() {
            counter.increment();
        }

        @Operation
        public long get() {
            return counter.get();
        }
    }

    /**
     * Runs {@code threads} threads of {@code increments} increments on the counter, all released at
     * once by a latch so they really overlap, and returns {@code get()} after joining them all.
     */
    private static volatile int pulse;

    static long hammer(Counter counter, int threads, int increments) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    go.await();
                    for (int i = 0; i < increments; i++) {
                        counter.increment();
                        // A volatile write per call keeps the JIT from merging a plain value++ loop into
                        // one add (which hides the race the seed example is about); it costs nanoseconds.
                        pulse = i;
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "grader-counter-worker-" + t);
            workers.add(worker);
            worker.start();
        }
        go.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        if (failure.get() instanceof Exception e) {
            throw e;
        }
        if (failure.get() instanceof Error e) {
            throw e;
        }
        return counter.get();
    }

    /** A property's input: how many threads, how many increments each. */
    record Shape(int threads, int increments) {
        @Override
        public String toString() {
            return Messages.get("counter.shape", threads, increments);
        }
    }

    // ---------------------------------------------------------------- CounterRun

    /**
     * CounterRun starts exactly {@code threads} threads, none of them the caller, all running at the
     * same time (a barrier that only simultaneous threads pass), and returns the exact total.
     */
    public static void runUsesThreadsAtOnce(Run run) throws Exception {
        for (int threads : new int[] {1, 3, 6}) {
            Probe probe = new Probe(threads, Duration.ofSeconds(2), Duration.ZERO);
            long total = StudentCall.call("CounterRun.incrementConcurrently(counter, " + threads + ", 1000)", LIMIT, () -> {
                probe.caller = Thread.currentThread();
                return run.incrementConcurrently(probe, threads, 1000);
            });
            CheckFailure.require(!probe.callers.contains(probe.caller), "counter.run.on-caller", threads);
            CheckFailure.require(probe.callers.size() == threads, "counter.run.thread-count", threads, probe.callers.size());
            CheckFailure.require(!probe.oneAtATime.get(), "counter.run.one-at-a-time", threads);
            CheckFailure.require(total == threads * 1000L, "counter.run.total", threads, 1000, threads * 1000L, total);
        }
    }

    /**
     * CounterRun reads the counter only after every thread has finished. The probe holds each
     * thread's first increment until {@code get()} is called (or a short while passes): code that
     * reads without joining reads while every increment is still waiting.
     */
    public static void runJoinsBeforeReading(Run run) throws Exception {
        int threads = 4;
        Probe probe = new Probe(threads, Duration.ZERO, Duration.ofMillis(300));
        LeakGuard guard = LeakGuard.snapshot();
        long total = StudentCall.call("CounterRun.incrementConcurrently(counter, 4, 500)", LIMIT,
                () -> run.incrementConcurrently(probe, threads, 500));
        long seen = probe.readAt.get();
        // Threads still alive at the read are fine (a pool may keep its threads until shutdown);
        // a short count or an increment after the read is not.
        CheckFailure.require(seen == threads * 500L, "counter.run.no-join", threads * 500L, seen);
        CheckFailure.require(!probe.lateIncrement.get(), "counter.run.no-join", threads * 500L, seen);
        CheckFailure.require(total == threads * 500L, "counter.run.total", threads, 500, threads * 500L, total);
        List<Thread> leaked = guard.leaked(Duration.ofSeconds(1));
        CheckFailure.require(leaked.isEmpty(), "counter.run.leak", LeakGuard.names(leaked));
    }

    /** How long a waiting caller's CPU use is measured. */
    static final Duration CPU_WINDOW = ThreadWatch.WAIT_SAMPLE;
    /** How long a thread may take to get where it should be (waiting, ended). */
    static final Duration WAKE = Duration.ofMillis(Math.min(5_000, LIMIT.toMillis() / 2));
    /** How soon an interrupted CounterRun must throw. */
    static final Duration INTERRUPT_PATIENCE = Duration.ofMillis(500);
    static final Duration GRACE = Duration.ofSeconds(1);

    /**
     * CounterRun waits for its threads the way every wait in the kit must: (1) without burning CPU
     * (its caller is parked in join(), not looping on isAlive() or isTerminated(), not sleeping in a
     * poll loop), measured as the CPU time of the waiting caller while the increments are held; (2)
     * an interrupt ends the wait within half a second with InterruptedException; (3) once the held
     * increments are let go, no thread it started is left behind.
     */
    public static void runWaitsIdleAndInterruptibly(Run run) throws Exception {
        // (1) no spinning
        Gate gate = new Gate(2);
        StudentCall.run(Messages.get("counter.call.waiting"), LIMIT, () -> {
            AtomicLong result = new AtomicLong(-1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread caller = new Thread(() -> {
                try {
                    result.set(run.incrementConcurrently(gate, 2, 1));
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "counter-check-run");
            LeakGuard.graders(caller);
            caller.start();
            try {
                long until = System.nanoTime() + WAKE.toNanos();
                while (gate.entered.getCount() > 0 && caller.isAlive() && System.nanoTime() < until) {
                    gate.entered.await(1, TimeUnit.MILLISECONDS); // both increments held, or the call already over
                }
                ThreadWatch watch = ThreadWatch.of(caller);
                watch.untilBlockedOrEnded(WAKE); // a waiting caller gets there at once; a spinning one never does
                ThreadWatch.Sample sample = watch.sample(CPU_WINDOW);
                if (sample.ended() || !caller.isAlive()) {
                    if (failure.get() instanceof UnsupportedOperationException todo) {
                        throw todo;
                    }
                    throw CheckFailure.of("counter.run.no-join", 2, Math.max(0, result.get()));
                }
                if (sample.busy()) {
                    throw CheckFailure.of("counter.run.busy-wait", sample.cpuPercent(), sample.millis(), sample.runningPercent(),
                            ThreadDump.describe(List.of(caller)));
                }
                if (sample.sleepPolling()) {
                    throw CheckFailure.of("counter.run.sleep-polling", ThreadDump.describe(List.of(caller)));
                }
            } finally {
                gate.release();
            }
            CheckFailure.require(ThreadWatch.of(caller).ended(WAKE), "counter.run.not-released", ThreadDump.describe(List.of(caller)));
            if (failure.get() instanceof Exception e) {
                throw e;
            }
            CheckFailure.require(result.get() == 2, "counter.run.total", 2, 1, 2, result.get());
        });

        // (2) an interrupt ends the wait, (3) nothing is left behind
        Gate held = new Gate(2);
        LeakGuard guard = LeakGuard.snapshot();
        String what = "CounterRun.incrementConcurrently(counter, 2, 1)";
        StudentCall.Interruption<Long> got;
        try {
            got = StudentCall.interruptWhileWaiting(what, LIMIT, held.entered, WAKE, INTERRUPT_PATIENCE, held::release,
                    () -> run.incrementConcurrently(held, 2, 1));
        } finally {
            held.release();
        }
        if (got.thrown() instanceof UnsupportedOperationException todo) {
            throw todo;
        }
        if (!got.interrupted()) {
            throw CheckFailure.of("counter.run.no-join", 2, got.returned() ? got.value() : 0);
        }
        if (got.unblocked()) {
            throw CheckFailure.of("counter.run.interrupt-ignored", INTERRUPT_PATIENCE.toMillis(), outcome(got), got.stopAdvice());
        }
        if (!(got.thrown() instanceof InterruptedException)) {
            throw CheckFailure.of("counter.run.interrupt-swallowed", outcome(got), got.stopAdvice());
        }
        List<Thread> left = guard.leaked(GRACE);
        CheckFailure.require(left.isEmpty(), "counter.run.interrupt-leak", left.size(), LeakGuard.names(left), got.leakAdvice());
    }

    private static String outcome(StudentCall.Interruption<Long> got) {
        return got.returned() ? Messages.get("counter.run.returned", got.value())
                : Messages.get("counter.run.threw", got.thrown().getClass().getName(), String.valueOf(got.thrown().getMessage()));
    }

    /**
     * A correct counter whose increments wait until the grader lets them go: CounterRun must then
     * wait for its threads. An interrupted increment stops waiting (and still counts), so a
     * CounterRun that interrupts its threads when it is interrupted ends them at once.
     */
    static final class Gate implements Counter {
        private final AtomicLong count = new AtomicLong();
        final CountDownLatch entered;
        private final CountDownLatch release = new CountDownLatch(1);

        Gate(int threads) {
            entered = new CountDownLatch(threads);
        }

        void release() {
            release.countDown();
        }

        @Override
        public void increment() {
            LeakGuard.ranWork();
            entered.countDown();
            try {
                release.await(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            count.incrementAndGet();
        }

        @Override
        public long get() {
            return count.get();
        }
    }

    /** Property: CounterRun returns threads x increments for 1..8 threads and 0..20,000 increments. */
    public static void runExactForAllShapes(String checkName, Run run) throws Exception {
        Property.forAll(checkName, 10,
                SourceDSL.integers().between(1, 8).zip(SourceDSL.integers().between(0, 20_000), Shape::new),
                Shape::toString,
                shape -> {
                    AtomicLong reference = new AtomicLong();
                    Counter counter = new Counter() {
                        @Override
                        public void increment() {
                            reference.incrementAndGet();
                        }

                        @Override
                        public long get() {
                            return reference.get();
                        }
                    };
                    long total = StudentCall.call("CounterRun.incrementConcurrently(counter, " + shape.threads + ", " + shape.increments + ")", LIMIT,
                            () -> run.incrementConcurrently(counter, shape.threads, shape.increments));
                    long expected = (long) shape.threads * shape.increments;
                    CheckFailure.require(total == expected, "counter.run.total", shape.threads, shape.increments, expected, total);
                });
    }

    /** Bad arguments: fewer than 1 thread or negative increments give IllegalArgumentException, null gives NullPointerException. */
    public static void runRejectsBadArguments(Run run) throws Exception {
        StudentCall.expectThrows(IllegalArgumentException.class, "incrementConcurrently(counter, 0, 10)", () -> run.incrementConcurrently(new UnsafeCounter(), 0, 10));
        StudentCall.expectThrows(IllegalArgumentException.class, "incrementConcurrently(counter, -1, 10)", () -> run.incrementConcurrently(new UnsafeCounter(), -1, 10));
        StudentCall.expectThrows(IllegalArgumentException.class, "incrementConcurrently(counter, 2, -5)", () -> run.incrementConcurrently(new UnsafeCounter(), 2, -5));
        StudentCall.expectThrows(NullPointerException.class, "incrementConcurrently(null, 2, 10)", () -> run.incrementConcurrently(null, 2, 10));
    }

    /**
     * A correct counter that watches how it is used: which threads increment, whether they overlap,
     * and what was done when {@code get()} was called.
     */
    static final class Probe implements Counter {
        private final AtomicLong count = new AtomicLong();
        final Set<Thread> callers = ConcurrentHashMap.newKeySet();
        final AtomicBoolean oneAtATime = new AtomicBoolean();
        final AtomicLong readAt = new AtomicLong(-1);
        final AtomicBoolean lateIncrement = new AtomicBoolean();
        private final CyclicBarrier together;
        private final Duration barrierWait;
        private final Duration holdFirst;
        private final CountDownLatch read = new CountDownLatch(1);
        private final ThreadLocal<Boolean> seen = ThreadLocal.withInitial(() -> false);
        volatile Thread caller;

        Probe(int threads, Duration barrierWait, Duration holdFirst) {
            this.together = new CyclicBarrier(threads);
            this.barrierWait = barrierWait;
            this.holdFirst = holdFirst;
        }

        @Override
        public void increment() {
            if (!seen.get()) {
                seen.set(true);
                callers.add(Thread.currentThread());
                LeakGuard.ranWork();
                try {
                    if (!barrierWait.isZero()) {
                        together.await(barrierWait.toMillis(), TimeUnit.MILLISECONDS);
                    }
                    if (!holdFirst.isZero()) {
                        read.await(holdFirst.toMillis(), TimeUnit.MILLISECONDS);
                    }
                } catch (Exception e) {
                    // The barrier timed out or broke: the threads did not all run at the same time.
                    oneAtATime.set(true);
                }
            }
            if (read.getCount() == 0) {
                lateIncrement.set(true);
            }
            count.incrementAndGet();
        }

        @Override
        public long get() {
            long value = count.get();
            if (readAt.compareAndSet(-1, value)) {
                read.countDown();
            }
            return value;
        }
    }

    // ---------------------------------------------------------------- built with the tool it is named for

    /** The tool each counter of the lesson is about. */
    enum Tool {
        SYNCHRONIZED("counter.tool.synchronized", "counter.tool.hint.synchronized"),
        LOCK("counter.tool.lock", "counter.tool.hint.lock"),
        ATOMIC("counter.tool.atomic", "counter.tool.hint.atomic");

        final String description;
        final String hint;

        Tool(String description, String hint) {
            this.description = description;
            this.hint = hint;
        }
    }

    /**
     * The counter is built with the tool its name promises, read from its bytecode
     * ({@link CounterTools}): SynchronizedCounter with {@code synchronized} and no lock object,
     * LockCounter with a {@code java.util.concurrent.locks} lock and no {@code synchronized},
     * AtomicCounter with neither. Running cannot tell these apart (all three count exactly when
     * right), and each is a different lesson. It must count right on one thread first, so a stub
     * fails here as everywhere.
     */
    public static void builtWith(String name, Class<?> type, Supplier<? extends Counter> factory, Tool tool) throws Exception {
        freshCounter(name, factory);
        CounterTools.Found f = CounterTools.scan(type);
        String wanted = Messages.get(tool.description);
        String hint = Messages.get(tool.hint);
        if (tool == Tool.SYNCHRONIZED) {
            CheckFailure.require(!f.monitors().isEmpty(), "counter.tool.missing", name, wanted, uses(f), hint);
        }
        if (tool == Tool.LOCK) {
            CheckFailure.require(!f.locks().isEmpty(), "counter.tool.missing", name, wanted, uses(f), hint);
        }
        if (tool != Tool.SYNCHRONIZED) {
            CheckFailure.require(f.monitors().isEmpty(), "counter.tool.extra", name, wanted,
                    Messages.get("counter.tool.synchronized"), places(f.monitors()), hint);
        }
        if (tool != Tool.LOCK) {
            CheckFailure.require(f.locks().isEmpty(), "counter.tool.extra", name, wanted, Messages.get("counter.tool.lock"),
                    places(f.locks()), hint);
        }
        readsUnderTheLock(name, type);
    }

    /**
     * Every read and write of a field that the counter writes under its lock holds that lock too
     * (or the field is volatile): read from the bytecode ({@link GuardScan}), because a plain read
     * beside a locked write is a data race that no run shows (Lincheck explores interleavings, not
     * stale values, and the other checks read after join()).
     */
    static void readsUnderTheLock(String name, Class<?> type) throws Exception {
        List<GuardScan.Race> races = GuardScan.races(type.getPackageName(), type);
        if (!races.isEmpty()) {
            GuardScan.Race r = races.get(0);
            throw CheckFailure.of("counter.race", name, r.field(), r.lockedWrite(), r.unlocked(), r.unlockedIsRead() ? 1 : 0,
                    races.size());
        }
    }

    /** What a counter was seen to use, each tool with its first place, for a message. */
    static String uses(CounterTools.Found f) {
        List<String> used = new ArrayList<>();
        if (!f.monitors().isEmpty()) {
            used.add(Messages.get("counter.tool.used-at", Messages.get("counter.tool.synchronized"), f.monitors().get(0)));
        }
        if (!f.locks().isEmpty()) {
            used.add(Messages.get("counter.tool.used-at", Messages.get("counter.tool.lock"), f.locks().get(0)));
        }
        if (!f.atomics().isEmpty()) {
            used.add(Messages.get("counter.tool.used-at", Messages.get("counter.tool.atomics"), f.atomics().get(0)));
        }
        return used.isEmpty() ? Messages.get("counter.tool.none") : String.join("; ", used);
    }

    static String places(List<String> places) {
        return String.join(", ", places.stream().distinct().limit(4).toList());
    }

    // ---------------------------------------------------------------- graded checks (rubric ids)

    @Test
    public void synchronizedSeedCase() throws Exception {
        seedCase("SynchronizedCounter", SynchronizedCounter::new);
    }

    @Test
    public void lockSeedCase() throws Exception {
        seedCase("LockCounter", LockCounter::new);
    }

    @Test
    public void atomicSeedCase() throws Exception {
        seedCase("AtomicCounter", AtomicCounter::new);
    }

    @Test
    public void synchronizedUsesSynchronized() throws Exception {
        builtWith("SynchronizedCounter", SynchronizedCounter.class, SynchronizedCounter::new, Tool.SYNCHRONIZED);
    }

    @Test
    public void lockUsesALock() throws Exception {
        builtWith("LockCounter", LockCounter.class, LockCounter::new, Tool.LOCK);
    }

    @Test
    public void atomicUsesNoLock() throws Exception {
        builtWith("AtomicCounter", AtomicCounter.class, AtomicCounter::new, Tool.ATOMIC);
    }

    @Test
    public void synchronizedExactProperty() throws Exception {
        exactForAllShapes("synchronizedExactProperty", "SynchronizedCounter", SynchronizedCounter::new);
    }

    @Test
    public void lockExactProperty() throws Exception {
        exactForAllShapes("lockExactProperty", "LockCounter", LockCounter::new);
    }

    @Test
    public void atomicExactProperty() throws Exception {
        exactForAllShapes("atomicExactProperty", "AtomicCounter", AtomicCounter::new);
    }

    @Test
    public void synchronizedLinearizable() throws Exception {
        linearizable("SynchronizedCounter", SynchronizedCounter::new);
    }

    @Test
    public void lockLinearizable() throws Exception {
        linearizable("LockCounter", LockCounter::new);
    }

    @Test
    public void atomicLinearizable() throws Exception {
        linearizable("AtomicCounter", AtomicCounter::new);
    }

    @Test
    public void counterRunUsesThreadsAtOnce() throws Exception {
        runUsesThreadsAtOnce(CounterRun::incrementConcurrently);
    }

    @Test
    public void counterRunJoinsBeforeReading() throws Exception {
        runJoinsBeforeReading(CounterRun::incrementConcurrently);
    }

    @Test
    public void counterRunWaitsIdleAndInterruptibly() throws Exception {
        runWaitsIdleAndInterruptibly(CounterRun::incrementConcurrently);
    }

    @Test
    public void counterRunExactProperty() throws Exception {
        runExactForAllShapes("counterRunExactProperty", CounterRun::incrementConcurrently);
    }

    @Test
    public void counterRunRejectsBadArguments() throws Exception {
        runRejectsBadArguments(CounterRun::incrementConcurrently);
    }

    /** Ungraded: shows how many updates the given UnsafeCounter loses in the seed example. */
    @Test
    public void unsafeCounterDemo() throws Exception {
        long total = worstOf(UnsafeCounter::new);
        long expected = (long) SEED_THREADS * SEED_INCREMENTS;
        Figures.record("unsafe.total", total);
        Figures.record("unsafe.lost", expected - total);
        recordCount("UnsafeCounter", total, expected, "demo");
        System.out.println(Messages.get("counter.unsafe-demo", total, expected, expected - total));
    }
}
