package lab.grader.threads;

import static lab.grader.selftest.Canary.accepted;
import static lab.grader.selftest.Canary.rejected;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every threads check, proven able to fail: each known-broken implementation is rejected by the
 * check meant for its bug class, with the message key of that class; and correct code passes all.
 */
class ThreadsCanariesTest {

    // ---------------------------------------------------------------- startNamed

    static Stream<Arguments> brokenStarts() {
        return Stream.of(
                Arguments.of("thread.run() instead of start()", (ThreadsChecks.StartNamed) BrokenThreads::runsOnCaller, "threads.start.on-caller"),
                Arguments.of("forgets start()", (ThreadsChecks.StartNamed) BrokenThreads::forgetsStart, "threads.start.not-started"),
                Arguments.of("setDaemon(true)", (ThreadsChecks.StartNamed) BrokenThreads::makesDaemon, "threads.start.daemon"),
                Arguments.of("ignores the name", (ThreadsChecks.StartNamed) BrokenThreads::ignoresName, "threads.start.name"),
                Arguments.of("inherits the daemon flag", (ThreadsChecks.StartNamed) BrokenThreads::inheritsDaemon, "threads.start.inherits-daemon"),
                Arguments.of("sets the name after start()", (ThreadsChecks.StartNamed) BrokenThreads::namesAfterStart, "threads.start.name-late"),
                Arguments.of("starts the task twice", (ThreadsChecks.StartNamed) BrokenThreads::startsTwice, "threads.start.ran-twice"),
                Arguments.of("new Thread(name) without the task", (ThreadsChecks.StartNamed) BrokenThreads::forgetsTheTask, "threads.start.never-ran"));
    }

    @ParameterizedTest(name = "startNamed check rejects: {0}")
    @MethodSource("brokenStarts")
    void startNamedCheckRejects(String name, ThreadsChecks.StartNamed broken, String key) {
        rejected(() -> ThreadsChecks.startNamedStartsATask(broken), key);
    }

    // ---------------------------------------------------------------- runAllAndWait

    @Test
    void sequentialRunAllIsReportedAsOneAtATime() {
        rejected(() -> ThreadsChecks.runAllRunsAtOnce(BrokenThreads::oneAtATime), "threads.run.one-at-a-time");
    }

    @Test
    void runAllOnTheCallerIsRejected() {
        rejected(() -> ThreadsChecks.runAllRunsAtOnce(BrokenThreads::onCaller), "threads.run.on-caller");
    }

    @Test
    void runAllOnAPoolOfTwoIsRejected() {
        rejected(() -> ThreadsChecks.runAllRunsAtOnce(BrokenThreads::poolOfTwo), "threads.run.partly-at-once");
    }

    @Test
    void runAllThatDoesNotWaitForEveryTaskIsRejected() {
        rejected(() -> ThreadsChecks.runAllWaitsForAll(BrokenThreads::noJoin), "threads.wait.returned-early");
        rejected(() -> ThreadsChecks.runAllWaitsForAll(BrokenThreads::joinsOnlyLast), "threads.wait.returned-early");
        rejected(() -> ThreadsChecks.runAllWaitsForAll(BrokenThreads::joinsOnlyFirst), "threads.wait.returned-early");
    }

    @Test
    void runAllThatLosesOrMangesAFailureIsRejected() {
        rejected(() -> ThreadsChecks.runAllRethrowsAfterAll(BrokenThreads::swallows), "threads.rethrow.swallowed");
        rejected(() -> ThreadsChecks.runAllRethrowsAfterAll(BrokenThreads::noJoin), "threads.rethrow.swallowed");
        rejected(() -> ThreadsChecks.runAllRethrowsAfterAll(BrokenThreads::rethrowsEarly), "threads.rethrow.too-early");
        rejected(() -> ThreadsChecks.runAllRethrowsAfterAll(BrokenThreads::wraps), "threads.rethrow.wrapped");
        rejected(() -> ThreadsChecks.runAllRethrowsAfterAll(BrokenThreads::throwsItsOwn), "threads.rethrow.other");
        // A pool swallows task failures too (execute() hands them to the pool thread's handler).
        rejected(() -> ThreadsChecks.runAllRethrowsAfterAll(BrokenThreads::poolOfTwo), "threads.rethrow.swallowed");
    }

    // ---------------------------------------------------------------- alternate

    @Test
    void alternateFromOneThreadIsRejected() {
        rejected(() -> ThreadsChecks.alternateSeedCase(BrokenInterleavings::oneThread), "threads.alternate.one-thread");
        rejected(() -> ThreadsChecks.alternateStrictProperty("canary", BrokenInterleavings::oneThread), "threads.alternate.one-thread");
    }

    @Test
    void alternateFromTheCallerIsRejected() {
        rejected(() -> ThreadsChecks.alternateSeedCase(BrokenInterleavings::callerSendsFirst), "threads.alternate.on-caller");
        rejected(() -> ThreadsChecks.alternateStrictProperty("canary", BrokenInterleavings::callerSendsFirst),
                "threads.alternate.on-caller");
    }

    @Test
    void alternateInTheWrongOrderIsRejected() {
        rejected(() -> ThreadsChecks.alternateSeedCase(BrokenInterleavings::allFirstThenSecond), "threads.alternate.order");
        rejected(() -> ThreadsChecks.alternateStrictProperty("canary", BrokenInterleavings::allFirstThenSecond),
                "threads.alternate.order");
        rejected(() -> ThreadsChecks.alternateSeedCase(BrokenInterleavings::dropsLast), "threads.alternate.order");
        rejected(() -> ThreadsChecks.alternateStrictProperty("canary", BrokenInterleavings::dropsLast), "threads.alternate.order");
    }

    @Test
    void alternateThatDoesNotWaitForItsThreadsIsRejected() {
        rejected(() -> ThreadsChecks.alternateSeedCase(BrokenInterleavings::noJoin), "threads.alternate.order");
    }

    @Test
    void alternateBySleepingIsRejected() {
        rejected(() -> ThreadsChecks.alternateSeedCase(BrokenInterleavings::sleeps), "threads.alternate.order",
                "threads.alternate.overlap");
    }

    @Test
    void alternateThatHandsOverBeforeSendingIsRejected() {
        rejected(() -> ThreadsChecks.alternateSeedCase(BrokenInterleavings::releasesBeforeSending), "threads.alternate.order",
                "threads.alternate.overlap");
    }

    @Test
    void alternateWithAThreadPerItemIsRejected() {
        rejected(() -> ThreadsChecks.alternateSeedCase(BrokenInterleavings::threadPerItem), "threads.alternate.thread-per-item");
        rejected(() -> ThreadsChecks.alternateStrictProperty("canary", BrokenInterleavings::threadPerItem),
                "threads.alternate.thread-per-item");
    }

    @Test
    void alternateThatSpinsForItsTurnIsRejected() {
        rejected(() -> ThreadsChecks.alternateSeedCase(BrokenInterleavings::busyWaits), "threads.alternate.busy-wait");
    }

    // ---------------------------------------------------------------- edge cases

    @Test
    void missingArgumentChecksAreRejected() {
        rejected(() -> ThreadsChecks.rejectsBadArguments(BrokenThreads::startNamedNoChecks, BrokenThreads::runAll,
                BrokenInterleavings::alternate), "check.no-exception");
        rejected(() -> ThreadsChecks.rejectsBadArguments(BrokenThreads::startNamed, BrokenThreads::startsBeforeNullCheck,
                BrokenInterleavings::alternate), "threads.run.started-before-npe");
        rejected(() -> ThreadsChecks.rejectsBadArguments(BrokenThreads::startNamed, BrokenThreads::runAll,
                BrokenInterleavings::acceptsUnequal), "check.no-exception");
    }

    @Test
    void ignoringAnInterruptIsRejected() {
        rejected(() -> ThreadsChecks.waitsAreInterruptible(BrokenThreads::ignoresInterrupts, BrokenInterleavings::alternate),
                "threads.interrupt.ignored");
        rejected(() -> ThreadsChecks.waitsAreInterruptible(BrokenThreads::interruptedLate, BrokenInterleavings::alternate),
                "threads.interrupt.late");
        rejected(() -> ThreadsChecks.waitsAreInterruptible(BrokenThreads::wrapsInterrupt, BrokenInterleavings::alternate),
                "threads.interrupt.other");
        rejected(() -> ThreadsChecks.waitsAreInterruptible(BrokenThreads::runAll, BrokenInterleavings::ignoresInterrupts),
                "threads.interrupt.ignored");
        rejected(() -> ThreadsChecks.waitsAreInterruptible(BrokenThreads::spinsOnIsAlive, BrokenInterleavings::alternate),
                "check.wait.busy");
    }

    /** Issue 17, item 6: every interrupt scenario ends with a leak check. */
    @Test
    void threadsLeftBehindAfterAnInterruptAreRejected() {
        var f = rejected(() -> ThreadsChecks.waitsAreInterruptible(BrokenThreads::runAll, BrokenInterleavings::sleepHeadStart),
                "threads.interrupt.leak");
        org.junit.jupiter.api.Assertions.assertTrue(f.getMessage().contains("sender-first"), f.getMessage());
        var pool = rejected(() -> ThreadsChecks.waitsAreInterruptible(BrokenThreads::poolLeftOnInterrupt, BrokenInterleavings::alternate),
                "threads.interrupt.leak");
        org.junit.jupiter.api.Assertions.assertTrue(pool.getMessage().contains("pool-"), pool.getMessage());
    }

    /**
     * A wait under an if, not a while, in alternate: with two threads every wakeup happens to mean
     * "your turn", so the run passes; only the bytecode shows it, and SpotBugs' WA_NOT_IN_LOOP then
     * fails the strict-order check (lab.grader.spotbugs.SpotBugsTest proves that part).
     */
    @Test
    void aWaitWithoutALoopPassesEveryRunSoSpotBugsMustCatchIt() {
        accepted(() -> ThreadsChecks.alternateSeedCase(BrokenInterleavings::waitsWithoutLoop));
        accepted(() -> ThreadsChecks.alternateStrictProperty("canary", BrokenInterleavings::waitsWithoutLoop));
    }

    // ---------------------------------------------------------------- correct code passes

    @Test
    void theChecksAcceptCorrectCode() {
        accepted(() -> ThreadsChecks.startNamedStartsATask(BrokenThreads::startNamed));
        accepted(() -> ThreadsChecks.runAllRunsAtOnce(BrokenThreads::runAll));
        accepted(() -> ThreadsChecks.runAllWaitsForAll(BrokenThreads::runAll));
        accepted(() -> ThreadsChecks.runAllRethrowsAfterAll(BrokenThreads::runAll));
        accepted(() -> ThreadsChecks.alternateSeedCase(BrokenInterleavings::alternate));
        accepted(() -> ThreadsChecks.alternateStrictProperty("canary", BrokenInterleavings::alternate));
        accepted(() -> ThreadsChecks.rejectsBadArguments(BrokenThreads::startNamed, BrokenThreads::runAll,
                BrokenInterleavings::alternate));
        accepted(() -> ThreadsChecks.waitsAreInterruptible(BrokenThreads::runAll, BrokenInterleavings::alternate));
    }
}
