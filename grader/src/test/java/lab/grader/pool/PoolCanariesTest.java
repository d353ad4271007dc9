package lab.grader.pool;

import static lab.grader.selftest.Canary.accepted;
import static lab.grader.selftest.Canary.rejected;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lab.grader.pool.PoolChecks.MapFn;
import lab.grader.harness.CheckFailure;
import org.junit.jupiter.api.Test;

/**
 * Every pool check, proven able to fail: each known-broken map (BrokenPools) is rejected by the
 * check meant for its bug class, with the message key of that class; a correct map passes them all.
 */
class PoolCanariesTest {

    // ------------------------------------------------------------ results in input order

    @Test
    void resultsInCompletionOrderAreRejected() {
        rejected(() -> PoolChecks.resultsInInputOrder("canary", BrokenPools::completionOrder), "pool.order.permuted");
        rejected(() -> PoolChecks.resultsInInputOrder("canary", BrokenPools::completionService), "pool.order.permuted");
    }

    @Test
    void nullResultsRejectedByListCopyOfAreCaught() {
        rejected(() -> PoolChecks.resultsInInputOrder("canary", BrokenPools::listCopyOf), "pool.order.null-results");
    }

    @Test
    void aMissingResultIsRejected() {
        rejected(() -> PoolChecks.resultsInInputOrder("canary", BrokenPools::dropsLast), "pool.order.size");
    }

    @Test
    void callingFnTwiceIsRejected() {
        rejected(() -> PoolChecks.resultsInInputOrder("canary", BrokenPools::triesFirstOnCaller), "pool.order.calls");
    }

    // ------------------------------------------------------------ peak concurrency

    @Test
    void aSequentialMapRunsOneAtATime() {
        rejected(() -> PoolChecks.peakEqualsWorkers(BrokenPools::sequentialOnCaller), "pool.peak.one-at-a-time");
        rejected(() -> PoolChecks.peakEqualsWorkers(BrokenPools::submitThenGet), "pool.peak.one-at-a-time");
    }

    @Test
    void anUnboundedPoolRunsMoreThanWorkers() {
        rejected(() -> PoolChecks.peakEqualsWorkers(BrokenPools::cachedPool), "pool.peak.too-many");
        rejected(() -> PoolChecks.peakEqualsWorkers(BrokenPools::threadPerInput), "pool.peak.too-many");
    }

    @Test
    void offByOneWorkersAreRejected() {
        rejected(() -> PoolChecks.peakEqualsWorkers(BrokenPools::oneWorkerShort), "pool.peak.too-few");
        rejected(() -> PoolChecks.peakEqualsWorkers(BrokenPools::oneWorkerExtra), "pool.peak.too-many");
    }

    @Test
    void aPoolSizedByCoresIsRejected() {
        // Too few on a machine with fewer cores than the first case's workers, too many on a bigger one.
        rejected(() -> PoolChecks.peakEqualsWorkers(BrokenPools::coresNotWorkers), "pool.peak.too-few", "pool.peak.too-many");
    }

    // ------------------------------------------------------------ failures

    @Test
    void aSwallowedFailureIsRejected() {
        rejected(() -> PoolChecks.failureSurfaces(BrokenPools::swallowsFailure), "pool.failure.swallowed");
    }

    @Test
    void aFailureRethrownAsSomethingElseIsRejected() {
        rejected(() -> PoolChecks.failureSurfaces(BrokenPools::rethrowsAsRuntime), "pool.failure.wrong-type");
        rejected(() -> PoolChecks.failureSurfaces(BrokenPools::unwrapsCause), "pool.failure.unwrapped");
        rejected(() -> PoolChecks.failureSurfaces(BrokenPools::wrapsTwice), "pool.failure.wrapped-twice");
    }

    // ------------------------------------------------------------ shutdown

    @Test
    void aPoolNeverShutDownIsRejected() {
        rejected(() -> PoolChecks.poolShutDown(BrokenPools::neverShutsDown), "pool.leak");
    }

    /** Issue 17, item 7: the pool's threads were started by an earlier check, before the leak check's snapshot. */
    @Test
    void aStaticPoolStartedByAnEarlierCheckIsRejected() {
        accepted(() -> PoolChecks.resultsInInputOrder("canary", BrokenPools::staticPool));
        CheckFailure f = rejected(() -> PoolChecks.poolShutDown(BrokenPools::staticPool), "pool.leak");
        assertTrue(f.getMessage().contains("pool-"), f.getMessage());
    }

    @Test
    void aPoolShutDownOnlyOnSuccessIsRejected() {
        rejected(() -> PoolChecks.poolShutDown(BrokenPools::shutdownOnlyOnSuccess), "pool.leak.after-failure");
    }

    @Test
    void throwingWhileCallsStillRunIsRejected() {
        rejected(() -> PoolChecks.poolShutDown(BrokenPools::shutdownNowWithoutAwait), "pool.failure.still-running");
    }

    // ------------------------------------------------------------ interrupted while waiting

    @Test
    void aMapThatSpinsWhileItWaitsIsRejected() {
        rejected(() -> PoolChecks.mapIsInterruptible(BrokenPools::spinsOnIsDone), "check.wait.busy");
    }

    /** Issue 17, feedback: the advice fits how the code waits (join() here), not Future.get() and shutdownNow(). */
    @Test
    void theAdviceForAnIgnoredInterruptFitsCodeWithoutFutures() {
        CheckFailure f = rejected(() -> PoolChecks.mapIsInterruptible(BrokenPools::threadsIgnoreInterrupt), "pool.interrupt.ignored");
        assertTrue(f.getMessage().contains("join()") && !f.getMessage().contains("shutdownNow") && !f.getMessage().contains("get()"),
                f.getMessage());
        CheckFailure g = rejected(() -> PoolChecks.mapIsInterruptible(BrokenPools::ignoresInterrupt), "pool.interrupt.ignored");
        assertTrue(g.getMessage().contains("shutdownNow"), g.getMessage());
    }

    /** Issue 17, feedback: a pool serialised by the lock of its own work queue is told so, with the lock and its place. */
    @Test
    void aPoolThatRunsCallsUnderItsQueueLockIsToldWhy() {
        CheckFailure f = rejected(() -> PoolChecks.peakEqualsWorkers(BrokenPools::runsTasksUnderQueueLock), "pool.peak.serialised");
        assertTrue(f.getMessage().contains("java.util.ArrayDeque") && f.getMessage().contains("queue-worker-")
                && f.getMessage().contains("BrokenPools.java:"), f.getMessage());
    }

    @Test
    void anIgnoredInterruptIsRejected() {
        rejected(() -> PoolChecks.mapIsInterruptible(BrokenPools::ignoresInterrupt), "pool.interrupt.ignored");
    }

    @Test
    void aSwallowedInterruptIsRejected() {
        rejected(() -> PoolChecks.mapIsInterruptible(BrokenPools::swallowsInterrupt), "pool.interrupt.returned");
    }

    @Test
    void aWrappedInterruptIsRejected() {
        rejected(() -> PoolChecks.mapIsInterruptible(BrokenPools::wrapsInterrupt), "pool.interrupt.wrong-type");
    }

    @Test
    void anInterruptThrownLateIsRejected() {
        rejected(() -> PoolChecks.mapIsInterruptible(BrokenPools::throwsInterruptLate), "pool.interrupt.late");
    }

    @Test
    void anInterruptThatLeavesThePoolRunningIsRejected() {
        rejected(() -> PoolChecks.mapIsInterruptible(BrokenPools::interruptLeavesPoolRunning), "pool.interrupt.leak");
    }

    // ------------------------------------------------------------ empty inputs, arguments

    @Test
    void emptyInputsThatStartThreadsAreRejected() {
        rejected(() -> PoolChecks.emptyInputs(BrokenPools::emptyStartsThreads), "pool.empty.started-threads");
    }

    @Test
    void emptyInputsThatFailAreRejected() {
        rejected(() -> PoolChecks.emptyInputs(BrokenPools::emptyFails), "pool.empty.threw");
    }

    @Test
    void missingArgumentChecksAreRejected() {
        rejected(() -> PoolChecks.rejectsBadArguments(BrokenPools::noArgumentChecks), "check.no-exception",
                "check.wrong-exception");
    }

    // ------------------------------------------------------------ timing

    @Test
    void aSequentialMapIsNotFaster() {
        rejected(() -> PoolChecks.fasterThanSequential(BrokenPools::sequentialOnCaller), "pool.not-faster");
    }

    @Test
    void anUnboundedPoolMakesThreeWorkersAsFastAsAHundred() {
        rejected(() -> PoolChecks.seedThreeVersusHundred(BrokenPools::cachedPool), "pool.seed.unbounded");
        rejected(() -> PoolChecks.seedThreeVersusHundred(BrokenPools::threadPerInput), "pool.seed.unbounded");
    }

    @Test
    void aPoolSizedByTheMachineShowsNoDifferenceBetweenThreeAndAHundred() {
        // availableProcessors() threads for both runs: on 2 cores both runs take 50 rounds; on 4 or
        // more cores the 3-worker run already runs more than 3 at once.
        rejected(() -> PoolChecks.seedThreeVersusHundred(BrokenPools::coresNotWorkers), "pool.seed.not-faster",
                "pool.seed.unbounded");
    }

    @Test
    void wrongResultsEarnNoSpeed() {
        rejected(() -> PoolChecks.fasterThanSequential(BrokenPools::dropsLast), "pool.timing.wrong-results");
    }

    // ------------------------------------------------------------ a correct map passes

    @Test
    void theChecksAcceptACorrectMap() {
        acceptedByEveryCheck(BrokenPools::correct);
    }

    @Test
    void theChecksAcceptInvokeAll() {
        acceptedByEveryCheck(BrokenPools::withInvokeAll);
    }

    static void acceptedByEveryCheck(MapFn correct) {
        accepted(() -> PoolChecks.resultsInInputOrder("canary", correct));
        accepted(() -> PoolChecks.peakEqualsWorkers(correct));
        accepted(() -> PoolChecks.failureSurfaces(correct));
        accepted(() -> PoolChecks.poolShutDown(correct));
        accepted(() -> PoolChecks.mapIsInterruptible(correct));
        accepted(() -> PoolChecks.emptyInputs(correct));
        accepted(() -> PoolChecks.rejectsBadArguments(correct));
        accepted(() -> PoolChecks.fasterThanSequential(correct));
        accepted(() -> PoolChecks.seedThreeVersusHundred(correct));
    }
}
