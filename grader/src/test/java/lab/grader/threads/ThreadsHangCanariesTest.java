package lab.grader.threads;

import static lab.grader.selftest.Canary.rejected;

import org.junit.jupiter.api.Test;

/**
 * The threads canaries that hang for good (an alternation in which nobody goes first): rejected as a
 * hang, with the stuck threads named, whatever else the machine is doing. Apart from {@link
 * ThreadsCanariesTest} so that they run side by side: a deadlock stays one under load, and these
 * canaries spend their time waiting out the call limit, not computing, so in the first round they only
 * held up the canaries whose verdicts rest on timing.
 */
@org.junit.jupiter.api.Tag(lab.grader.selftest.SideBySide.TAG)
class ThreadsHangCanariesTest {
    @Test
    void alternateThatHangsIsReportedWithTheStuckThreads() {
        var failure = rejected(() -> ThreadsChecks.alternateSeedCase(BrokenInterleavings::nobodyGoesFirst), "harness.timeout", "harness.stalemate");
        org.junit.jupiter.api.Assertions.assertTrue(failure.getMessage().contains("canary-first-sender")
                && failure.getMessage().contains("canary-second-sender"), failure.getMessage());
    }
}
