package lab.grader.counter;

import static lab.grader.selftest.Canary.accepted;
import static lab.grader.selftest.Canary.rejected;

import java.util.function.Supplier;
import java.util.stream.Stream;
import lab.counter.Counter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every counter check, proven able to fail: each known-broken implementation is rejected by the
 * check meant for its bug class, with the message key of that class.
 */
class CounterCanariesTest {

    /** The racy counters: lost updates, whichever way the student lost them. */
    static Stream<Arguments> racyCounters() {
        return Stream.of(
                Arguments.of("value++", (Supplier<Counter>) BrokenCounters.PlainIncrement::new),
                Arguments.of("volatile value++", (Supplier<Counter>) BrokenCounters.VolatileIncrement::new),
                Arguments.of("synchronized (new Object())", (Supplier<Counter>) BrokenCounters.SynchronizedOnNewObject::new),
                Arguments.of("new ReentrantLock per call", (Supplier<Counter>) BrokenCounters.NewLockPerCall::new),
                Arguments.of("AtomicLong get then set", (Supplier<Counter>) BrokenCounters.AtomicGetThenSet::new));
    }

    /** The same races with a widened window: lost on every run, loaded machine or not. */
    static Stream<Arguments> racyCountersWideWindow() {
        return Stream.of(
                Arguments.of("value++", (Supplier<Counter>) BrokenCounters.WideWindow.PlainIncrement::new),
                Arguments.of("volatile value++", (Supplier<Counter>) BrokenCounters.WideWindow.VolatileIncrement::new),
                Arguments.of("synchronized (new Object())", (Supplier<Counter>) BrokenCounters.WideWindow.SynchronizedOnNewObject::new),
                Arguments.of("new ReentrantLock per call", (Supplier<Counter>) BrokenCounters.WideWindow.NewLockPerCall::new),
                Arguments.of("AtomicLong get then set", (Supplier<Counter>) BrokenCounters.WideWindow.AtomicGetThenSet::new));
    }

    @ParameterizedTest(name = "seed case rejects {0}")
    @MethodSource("racyCountersWideWindow")
    void seedCaseRejectsLostUpdates(String name, Supplier<Counter> broken) {
        rejected(() -> CounterChecks.seedCase(name, broken), "counter.lost-updates");
    }

    @ParameterizedTest(name = "property rejects {0}")
    @MethodSource("racyCountersWideWindow")
    void propertyRejectsLostUpdates(String name, Supplier<Counter> broken) {
        rejected(() -> CounterChecks.exactForAllShapes("canary", name, broken), "counter.lost-updates");
    }

    @ParameterizedTest(name = "Lincheck rejects {0}")
    @MethodSource("racyCounters")
    void lincheckRejectsRaces(String name, Supplier<Counter> broken) {
        rejected(() -> CounterChecks.linearizable(name, broken), "lincheck.not-linearizable");
    }

    @Test
    void everyCounterCheckRejectsAWrongCount() {
        rejected(() -> CounterChecks.seedCase("counts twice", BrokenCounters.CountsTwice::new), "counter.sequential");
        rejected(() -> CounterChecks.exactForAllShapes("canary", "does nothing", BrokenCounters.DoesNothing::new),
                "counter.sequential");
        rejected(() -> CounterChecks.linearizable("does nothing", BrokenCounters.DoesNothing::new), "counter.sequential");
    }

    // ------------------------------------------------------------ built with the tool it is named for

    /** A counter that counts exactly, with another tool than the one the exercise is about. */
    static Stream<Arguments> wrongTools() {
        W sync = new W(WrongToolCounters.SynchronizedMethods.class, WrongToolCounters.SynchronizedMethods::new);
        W lock = new W(WrongToolCounters.WithReentrantLock.class, WrongToolCounters.WithReentrantLock::new);
        W atomic = new W(WrongToolCounters.WithAtomicLong.class, WrongToolCounters.WithAtomicLong::new);
        W mixed = new W(WrongToolCounters.LockThenSynchronizedGet.class, WrongToolCounters.LockThenSynchronizedGet::new);
        W block = new W(WrongToolCounters.AtomicInsideSynchronizedBlock.class, WrongToolCounters.AtomicInsideSynchronizedBlock::new);
        W helper = new W(WrongToolCounters.LockedHelper.class, WrongToolCounters.LockedHelper::new);
        return Stream.of(
                Arguments.of("SynchronizedCounter with an AtomicLong", atomic, CounterChecks.Tool.SYNCHRONIZED, "counter.tool.missing"),
                Arguments.of("SynchronizedCounter with a ReentrantLock", lock, CounterChecks.Tool.SYNCHRONIZED, "counter.tool.missing"),
                Arguments.of("SynchronizedCounter with a lock and a synchronized get", mixed, CounterChecks.Tool.SYNCHRONIZED,
                        "counter.tool.extra"),
                Arguments.of("LockCounter with synchronized methods", sync, CounterChecks.Tool.LOCK, "counter.tool.missing"),
                Arguments.of("LockCounter with an AtomicLong", atomic, CounterChecks.Tool.LOCK, "counter.tool.missing"),
                Arguments.of("LockCounter with a synchronized get", mixed, CounterChecks.Tool.LOCK, "counter.tool.extra"),
                Arguments.of("LockCounter with a synchronized helper", helper, CounterChecks.Tool.LOCK, "counter.tool.missing"),
                Arguments.of("AtomicCounter with synchronized methods", sync, CounterChecks.Tool.ATOMIC, "counter.tool.extra"),
                Arguments.of("AtomicCounter with a ReentrantLock", lock, CounterChecks.Tool.ATOMIC, "counter.tool.extra"),
                Arguments.of("AtomicCounter inside a synchronized block", block, CounterChecks.Tool.ATOMIC, "counter.tool.extra"),
                Arguments.of("AtomicCounter with a synchronized helper", helper, CounterChecks.Tool.ATOMIC, "counter.tool.extra"));
    }

    /** A counter class and how to make one. */
    record W(Class<? extends Counter> type, Supplier<Counter> factory) {
    }

    @ParameterizedTest(name = "tool check rejects {0}")
    @MethodSource("wrongTools")
    void theToolCheckRejectsAnotherTool(String name, W counter, CounterChecks.Tool tool, String key) {
        var f = rejected(() -> CounterChecks.builtWith(name, counter.type(), counter.factory(), tool), key);
        org.junit.jupiter.api.Assertions.assertTrue(f.getMessage().contains(counter.type().getSimpleName()), f.getMessage());
    }

    @Test
    void theToolCheckAcceptsEachRightTool() {
        accepted(() -> CounterChecks.builtWith("synchronized methods", WrongToolCounters.SynchronizedMethods.class,
                WrongToolCounters.SynchronizedMethods::new, CounterChecks.Tool.SYNCHRONIZED));
        accepted(() -> CounterChecks.builtWith("synchronized blocks", WrongToolCounters.SynchronizedBlocks.class,
                WrongToolCounters.SynchronizedBlocks::new, CounterChecks.Tool.SYNCHRONIZED));
        accepted(() -> CounterChecks.builtWith("ReentrantLock", WrongToolCounters.WithReentrantLock.class,
                WrongToolCounters.WithReentrantLock::new, CounterChecks.Tool.LOCK));
        accepted(() -> CounterChecks.builtWith("AtomicLong", WrongToolCounters.WithAtomicLong.class,
                WrongToolCounters.WithAtomicLong::new, CounterChecks.Tool.ATOMIC));
        accepted(() -> CounterChecks.builtWith("LongAdder", WrongToolCounters.WithLongAdder.class,
                WrongToolCounters.WithLongAdder::new, CounterChecks.Tool.ATOMIC));
        accepted(() -> CounterChecks.builtWith("VarHandle", WrongToolCounters.WithVarHandle.class,
                WrongToolCounters.WithVarHandle::new, CounterChecks.Tool.ATOMIC));
    }

    /** Written under the lock, read (or written) without it: a race no run shows. */
    static Stream<Arguments> racyReads() {
        return Stream.of(
                Arguments.of("synchronized increment, plain get", new W(RacyReadCounters.SynchronizedPlainGet.class,
                        RacyReadCounters.SynchronizedPlainGet::new), CounterChecks.Tool.SYNCHRONIZED, "get", "increment"),
                Arguments.of("locked increment, plain get", new W(RacyReadCounters.LockPlainGet.class,
                        RacyReadCounters.LockPlainGet::new), CounterChecks.Tool.LOCK, "get", "increment"),
                Arguments.of("a helper's field read without the monitor", new W(RacyReadCounters.HelperFieldPlainGet.class,
                        RacyReadCounters.HelperFieldPlainGet::new), CounterChecks.Tool.SYNCHRONIZED, "get", "increment"),
                Arguments.of("a public reset through a private helper", new W(RacyReadCounters.ResetWithoutLock.class,
                        RacyReadCounters.ResetWithoutLock::new), CounterChecks.Tool.SYNCHRONIZED, "clear", "increment"));
    }

    @ParameterizedTest(name = "tool check rejects {0}")
    @MethodSource("racyReads")
    void theToolCheckRejectsAReadWithoutTheLock(String name, W counter, CounterChecks.Tool tool, String reader, String writer) {
        var f = rejected(() -> CounterChecks.builtWith(name, counter.type(), counter.factory(), tool), "counter.race");
        String m = f.getMessage();
        org.junit.jupiter.api.Assertions.assertTrue(m.contains("value") && m.contains("." + reader + " (")
                && m.contains("." + writer + " (") && m.matches("(?s).*RacyReadCounters.java:\\d+.*"), m);
    }

    @Test
    void theToolCheckAcceptsVolatileReadsAndHelpersUnderTheLock() {
        accepted(() -> CounterChecks.builtWith("volatile twin (synchronized)", RacyReadCounters.SynchronizedVolatileGet.class,
                RacyReadCounters.SynchronizedVolatileGet::new, CounterChecks.Tool.SYNCHRONIZED));
        accepted(() -> CounterChecks.builtWith("volatile twin (lock)", RacyReadCounters.LockVolatileGet.class,
                RacyReadCounters.LockVolatileGet::new, CounterChecks.Tool.LOCK));
        accepted(() -> CounterChecks.builtWith("helper under the lock", RacyReadCounters.HelperUnderLock.class,
                RacyReadCounters.HelperUnderLock::new, CounterChecks.Tool.SYNCHRONIZED));
        accepted(() -> CounterChecks.builtWith("early returns in lock/finally", RacyReadCounters.LockEarlyReturn.class,
                RacyReadCounters.LockEarlyReturn::new, CounterChecks.Tool.LOCK));
    }

    @Test
    void theToolCheckRejectsAWrongCountFirst() {
        rejected(() -> CounterChecks.builtWith("does nothing", BrokenCounters.DoesNothing.class, BrokenCounters.DoesNothing::new,
                CounterChecks.Tool.ATOMIC), "counter.sequential");
    }

    /** Issue 17, feedback: a hang under Lincheck is reported as a hang, not as results no order explains. */
    @Test
    void lincheckReportsAHangAsAHang() {
        var f = rejected(() -> CounterChecks.linearizable("forgets unlock", BrokenCounters.ForgetsUnlock::new), "lincheck.hung");
        org.junit.jupiter.api.Assertions.assertFalse(f.getMessage().contains("no one-at-a-time order"), f.getMessage());
    }

    @Test
    void counterRunThatDoesNotJoinIsRejected() {
        rejected(() -> CounterChecks.runJoinsBeforeReading(BrokenRuns::noJoin), "counter.run.no-join");
        rejected(() -> CounterChecks.runJoinsBeforeReading(BrokenRuns::readsThenJoins), "counter.run.no-join");
    }

    @Test
    void counterRunThatLeavesAThreadRunningIsRejected() {
        var failure = rejected(() -> CounterChecks.runJoinsBeforeReading(BrokenRuns::leavesMonitorThread), "counter.run.leak");
        org.junit.jupiter.api.Assertions.assertTrue(failure.getMessage().contains("progress-monitor"), failure.getMessage());
    }

    @Test
    void counterRunThatSpinsSleepsOrIgnoresAnInterruptIsRejected() {
        rejected(() -> CounterChecks.runWaitsIdleAndInterruptibly(BrokenRuns::spinsOnIsTerminated), "counter.run.busy-wait");
        rejected(() -> CounterChecks.runWaitsIdleAndInterruptibly(BrokenRuns::sleepPollsIsAlive), "counter.run.sleep-polling");
        rejected(() -> CounterChecks.runWaitsIdleAndInterruptibly(BrokenRuns::swallowsInterrupt), "counter.run.interrupt-ignored");
        rejected(() -> CounterChecks.runWaitsIdleAndInterruptibly(BrokenRuns::returnsOnInterrupt), "counter.run.interrupt-swallowed");
        var leak = rejected(() -> CounterChecks.runWaitsIdleAndInterruptibly(BrokenRuns::poolLeftOnInterrupt),
                "counter.run.interrupt-leak");
        org.junit.jupiter.api.Assertions.assertTrue(leak.getMessage().contains("pool-"), leak.getMessage());
        accepted(() -> CounterChecks.runWaitsIdleAndInterruptibly(BrokenRuns::poolWithAwaitTermination));
    }

    @Test
    void counterRunOnTheCallerIsRejected() {
        rejected(() -> CounterChecks.runUsesThreadsAtOnce(BrokenRuns::onCaller), "counter.run.on-caller");
    }

    @Test
    void counterRunOneAtATimeIsRejected() {
        rejected(() -> CounterChecks.runUsesThreadsAtOnce(BrokenRuns::oneAtATime), "counter.run.one-at-a-time");
    }

    @Test
    void counterRunWithTooFewThreadsIsRejected() {
        rejected(() -> CounterChecks.runUsesThreadsAtOnce(BrokenRuns::oneThreadShort), "counter.run.thread-count");
    }

    @Test
    void counterRunIgnoringItsArgumentsIsRejected() {
        rejected(() -> CounterChecks.runExactForAllShapes("canary", BrokenRuns::hardCodedIncrements), "counter.run.total");
        rejected(() -> CounterChecks.runRejectsBadArguments(BrokenRuns::noArgumentChecks), "check.no-exception",
                "check.wrong-exception");
    }

    @Test
    void theChecksAcceptACorrectCounterAndRun() {
        Supplier<Counter> correct = () -> new Counter() {
            private final java.util.concurrent.atomic.AtomicLong v = new java.util.concurrent.atomic.AtomicLong();

            public void increment() {
                v.incrementAndGet();
            }

            public long get() {
                return v.get();
            }
        };
        CounterChecks.Run run = (c, t, n) -> {
            java.util.Objects.requireNonNull(c);
            if (t < 1 || n < 0) {
                throw new IllegalArgumentException();
            }
            Thread[] ws = new Thread[t];
            for (int i = 0; i < t; i++) {
                ws[i] = new Thread(() -> {
                    for (int k = 0; k < n; k++) {
                        c.increment();
                    }
                });
                ws[i].start();
            }
            for (Thread w : ws) {
                w.join();
            }
            return c.get();
        };
        accepted(() -> CounterChecks.seedCase("correct", correct));
        accepted(() -> CounterChecks.exactForAllShapes("canary", "correct", correct));
        accepted(() -> CounterChecks.linearizable("correct", correct));
        accepted(() -> CounterChecks.runUsesThreadsAtOnce(run));
        accepted(() -> CounterChecks.runJoinsBeforeReading(run));
        accepted(() -> CounterChecks.runExactForAllShapes("canary", run));
        accepted(() -> CounterChecks.runRejectsBadArguments(run));
        accepted(() -> CounterChecks.runWaitsIdleAndInterruptibly((c, t, n) -> {
            try {
                return run.incrementConcurrently(c, t, n);
            } catch (InterruptedException e) {
                throw e; // the workers end by themselves once the increments are let go
            }
        }));
    }
}
