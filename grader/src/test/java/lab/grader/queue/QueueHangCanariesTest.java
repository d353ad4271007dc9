package lab.grader.queue;

import static lab.grader.selftest.Canary.rejected;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lab.grader.harness.CheckFailure;
import org.junit.jupiter.api.Test;

/**
 * The queue canaries that hang for good (one pill for several consumers; producers joined before any
 * consumer starts, on a buffer of 1): rejected as a hang, with the stuck threads named, whatever else
 * the machine is doing. Apart from {@link QueueCanariesTest} so that they run side by side: a deadlock
 * stays one under load, and these canaries spend their time waiting out the call limit, not computing,
 * so in the first round they only held up the canaries whose verdicts rest on timing.
 */
@org.junit.jupiter.api.Tag(lab.grader.selftest.SideBySide.TAG)
class QueueHangCanariesTest {
    @Test
    void onePillForSeveralConsumersHangsAndIsReported() {
        CheckFailure failure = rejected(() -> QueueChecks.terminates(BrokenRuns::onePill), "harness.timeout", "harness.stalemate");
        assertTrue(failure.getMessage().contains("WAITING"), failure.getMessage());
    }

    @Test
    void joiningProducersBeforeStartingConsumersHangs() {
        rejected(() -> QueueChecks.terminates(BrokenRuns::producersFirst), "harness.timeout", "harness.stalemate");
    }
}
