package lab.grader.counter;

import static lab.grader.selftest.Canary.rejected;

import org.junit.jupiter.api.Test;

/**
 * The counter canaries that hang for good (a lock that is never unlocked): rejected as a hang, with
 * the stuck threads named, whatever else the machine is doing. Apart from {@link CounterCanariesTest}
 * so that they run side by side: a deadlock stays one under load, and these canaries spend their time
 * waiting out the call limit, not computing, so in the first round they only held up the canaries
 * whose verdicts rest on timing.
 */
@org.junit.jupiter.api.Tag(lab.grader.selftest.SideBySide.TAG)
class CounterHangCanariesTest {
    @Test
    void seedCaseReportsAHangWithTheStuckThreads() {
        var failure = rejected(() -> CounterChecks.seedCase("forgets unlock", BrokenCounters.ForgetsUnlock::new),
                "harness.timeout", "harness.stalemate");
        org.junit.jupiter.api.Assertions.assertTrue(failure.getMessage().contains("grader-counter-worker"),
                failure.getMessage());
    }
}
