package lab.grader.async;

import static lab.grader.selftest.Canary.accepted;
import static lab.grader.selftest.Canary.rejected;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Every async check, proven able to fail: each known-broken gather is rejected by the check meant
 * for its bug class, with the message key of that class; and a correct gather passes all.
 */
class AsyncCanariesTest {

    @Test
    void gatherThatWaitsForEachTaskBeforeTheNextIsRejected() {
        rejected(() -> AsyncChecks.gatherStartsAllAtOnce(BrokenGathers::joinsInLoop), "async.sequential");
        rejected(() -> AsyncChecks.gatherStartsAllAtOnce(BrokenGathers::chainsWithThenCompose), "async.sequential");
    }

    @Test
    void gatherThatStartsATaskTwiceOrNeverIsRejected() {
        rejected(() -> AsyncChecks.gatherStartsAllAtOnce(BrokenGathers::callsSuppliersTwice), "async.started-twice");
        rejected(() -> AsyncChecks.gatherStartsAllAtOnce(BrokenGathers::skipsTheLast), "async.not-started");
    }

    @Test
    void gatherThatBlocksItsCallerIsRejected() {
        rejected(() -> AsyncChecks.gatherDoesNotBlock(BrokenGathers::joinsAtTheEnd), "async.blocks");
        rejected(() -> AsyncChecks.gatherDoesNotBlock(BrokenGathers::joinsInLoop), "async.blocks");
        rejected(() -> AsyncChecks.gatherDoesNotBlock(BrokenGathers::valuesNow), "async.done-at-return");
    }

    /** Issue 17, item 2: a thread parked in join() per task, seen while gather is in flight, on any number of cores. */
    @Test
    void gatherThatParksAThreadPerTaskIsRejected() {
        var f = rejected(() -> AsyncChecks.gatherDoesNotBlock(BrokenGathers::parksAThreadPerTask), "async.thread-per-task", "async.sequential");
        assertTrue(f.getMessage().contains("join"), f.getMessage());
        accepted(() -> AsyncChecks.gatherDoesNotBlock(BrokenGathers::startsOnThePoolAndComposes));
    }

    @Test
    void gatherOutOfOrderOrTooEarlyIsRejected() {
        rejected(() -> AsyncChecks.gatherKeepsOrder("canary", BrokenGathers::completionOrder), "async.order");
        rejected(() -> AsyncChecks.gatherKeepsOrder("canary", BrokenGathers::anyOf), "async.done-early");
        rejected(() -> AsyncChecks.gatherKeepsOrder("canary", BrokenGathers::valuesNow), "async.done-early", "async.order");
    }

    @Test
    void gatherThatLosesOrWrapsAFailureIsRejected() {
        rejected(() -> AsyncChecks.gatherFailureSurfaces(BrokenGathers::swallowsFailures), "async.failure.swallowed");
        rejected(() -> AsyncChecks.gatherFailureSurfaces(BrokenGathers::wrapsFailures), "async.failure.wrapped");
        rejected(() -> AsyncChecks.gatherFailureSurfaces(BrokenGathers::hangsOnFailure), "async.failure.never");
        rejected(() -> AsyncChecks.gatherFailureSurfaces(BrokenGathers::failsWithItsOwn), "async.failure.other");
    }

    @Test
    void gatherWithinThatMissesItsTimeoutIsRejected() {
        rejected(() -> AsyncChecks.gatherWithinTimesOut(BrokenGathers::ignoresTimeout), "async.within.ignored");
        rejected(() -> AsyncChecks.gatherWithinTimesOut(BrokenGathers::completesOnTimeout), "async.within.completed");
        rejected(() -> AsyncChecks.gatherWithinTimesOut(BrokenGathers::waitsWithGet), "async.blocks");
    }

    @Test
    void noTasksMustGiveACompletedEmptyList() {
        rejected(() -> AsyncChecks.gatherOfNoTasks(BrokenGathers::emptyNeverCompletes, BrokenGathers::gatherWithin),
                "async.empty.not-done");
        rejected(() -> AsyncChecks.gatherOfNoTasks(BrokenGathers::gather, BrokenGathers::emptyNeverCompletesWithin),
                "async.empty.not-done");
        rejected(() -> AsyncChecks.gatherOfNoTasks(BrokenGathers::emptyIsNull, BrokenGathers::gatherWithin), "async.empty.null");
    }

    @Test
    void missingArgumentChecksAreRejected() {
        rejected(() -> AsyncChecks.rejectsBadArguments(BrokenGathers::gather, BrokenGathers::gatherWithinNoChecks),
                "check.no-exception");
        rejected(() -> AsyncChecks.rejectsBadArguments(BrokenGathers::argumentsThroughFuture, BrokenGathers::gatherWithin),
                "async.args.through-future");
    }

    @Test
    void theChecksAcceptACorrectGather() {
        accepted(() -> AsyncChecks.gatherStartsAllAtOnce(BrokenGathers::gather));
        accepted(() -> AsyncChecks.gatherDoesNotBlock(BrokenGathers::gather));
        accepted(() -> AsyncChecks.gatherKeepsOrder("canary", BrokenGathers::gather));
        accepted(() -> AsyncChecks.gatherFailureSurfaces(BrokenGathers::gather));
        accepted(() -> AsyncChecks.gatherWithinTimesOut(BrokenGathers::gatherWithin));
        accepted(() -> AsyncChecks.gatherOfNoTasks(BrokenGathers::gather, BrokenGathers::gatherWithin));
        accepted(() -> AsyncChecks.rejectsBadArguments(BrokenGathers::gather, BrokenGathers::gatherWithin));
    }
}
