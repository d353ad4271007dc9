package lab.grader.downloads;

import static lab.grader.selftest.Canary.accepted;
import static lab.grader.selftest.Canary.rejected;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import lab.grader.harness.CheckFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every downloads check, proven able to fail: each known-broken downloader is rejected by the
 * check meant for its bug class, with the message key of that class; three correct downloaders
 * (a fixed pool, sendAsync with a semaphore, HttpURLConnection) pass every check.
 */
class DownloadsCanariesTest {

    // ---------------------------------------------------------------- bodies

    static Stream<Arguments> wrongBodies() {
        return Stream.of(
                Arguments.of("the seed's 0.26 s: results never read", (DownloadsChecks.Download) BrokenDownloaders::neverReadsResults,
                        "downloads.missing"),
                Arguments.of("returns before the tasks are done", (DownloadsChecks.Download) BrokenDownloaders::returnsBeforeDone,
                        "downloads.missing"),
                Arguments.of("chunks of n / workers drop the rest", (DownloadsChecks.Download) BrokenDownloaders::chunksDropRemainder,
                        "downloads.missing"),
                Arguments.of("body read as a String", (DownloadsChecks.Download) BrokenDownloaders::bodyAsString,
                        "downloads.body-garbled"),
                Arguments.of("one read() into an 8 KB buffer", (DownloadsChecks.Download) BrokenDownloaders::readsOnce,
                        "downloads.body-truncated"),
                Arguments.of("keyed by finishing order", (DownloadsChecks.Download) BrokenDownloaders::keyedByFinishingOrder,
                        "downloads.body-swapped"));
    }

    @ParameterizedTest(name = "bodies check rejects {0}")
    @MethodSource("wrongBodies")
    void bodiesCheckRejectsWrongBodies(String name, DownloadsChecks.Download broken, String key) {
        rejected(() -> DownloadsChecks.bodiesByteExact("canary", broken), key);
    }

    /** Fast and wrong in the speed check's own scenario (12 URIs of up to 30 KB, same latency each). */
    static Stream<Arguments> fastButWrong() {
        return Stream.of(
                Arguments.of("the seed's 0.26 s: results never read", (DownloadsChecks.Download) BrokenDownloaders::neverReadsResults,
                        "downloads.missing"),
                Arguments.of("returns before the tasks are done", (DownloadsChecks.Download) BrokenDownloaders::returnsBeforeDone,
                        "downloads.missing"),
                Arguments.of("body read as a String", (DownloadsChecks.Download) BrokenDownloaders::bodyAsString,
                        "downloads.body-garbled"),
                Arguments.of("one read() into an 8 KB buffer", (DownloadsChecks.Download) BrokenDownloaders::readsOnce,
                        "downloads.body-truncated"));
    }

    @ParameterizedTest(name = "speed is not credited to {0}")
    @MethodSource("fastButWrong")
    void speedIsNotCreditedForWrongBodies(String name, DownloadsChecks.Download broken, String key) {
        CheckFailure f = rejected(() -> DownloadsChecks.fasterThanSequential(broken), "downloads.speed.not-credited");
        assertTrue(f.getCause() instanceof CheckFailure why && why.key().equals(key), f.getMessage());
    }

    // ---------------------------------------------------------------- failures

    @Test
    void swallowedFailuresAreRejected() {
        rejected(() -> DownloadsChecks.failuresNamed(BrokenDownloaders::swallowsFailures), "downloads.swallowed");
        rejected(() -> DownloadsChecks.failuresNamed(BrokenDownloaders::emptyBodyForFailures), "downloads.swallowed");
        rejected(() -> DownloadsChecks.failuresNamed(BrokenDownloaders::neverReadsResults), "downloads.swallowed");
        rejected(() -> DownloadsChecks.failuresNamed(BrokenDownloaders::returnsBeforeDone), "downloads.swallowed");
    }

    @Test
    void errorPageTakenForABodyIsRejected() {
        rejected(() -> DownloadsChecks.failuresNamed(BrokenDownloaders::ignoresStatus), "downloads.status-ignored");
    }

    @Test
    void onlyTheFirstFailureIsRejected() {
        rejected(() -> DownloadsChecks.failuresNamed(BrokenDownloaders::firstFailureOnly), "downloads.first-only");
    }

    @Test
    void wrongFailuresAreRejected() {
        rejected(() -> DownloadsChecks.failuresNamed(BrokenDownloaders::blamesEveryUri), "downloads.failures-wrong");
        rejected(() -> DownloadsChecks.failuresNamed(BrokenDownloaders::throwsRuntimeException), "downloads.wrong-exception");
    }

    // ---------------------------------------------------------------- requests in flight and speed

    @Test
    void oneAtATimeIsRejected() {
        rejected(() -> DownloadsChecks.atMostWorkersInFlight(BrokenDownloaders::sequential), "downloads.one-at-a-time");
        rejected(() -> DownloadsChecks.atMostWorkersInFlight(BrokenDownloaders::submitThenGetEach), "downloads.one-at-a-time");
    }

    @Test
    void unboundedConcurrencyIsRejected() {
        rejected(() -> DownloadsChecks.atMostWorkersInFlight(BrokenDownloaders::threadPerUri), "downloads.too-many");
        rejected(() -> DownloadsChecks.atMostWorkersInFlight(BrokenDownloaders::cachedPool), "downloads.too-many");
    }

    @Test
    void aPoolNotSizedByWorkersIsRejected() {
        rejected(() -> DownloadsChecks.atMostWorkersInFlight(BrokenDownloaders::alwaysThreeWorkers),
                "downloads.fewer-than-workers");
        rejected(() -> DownloadsChecks.atMostWorkersInFlight(BrokenDownloaders::twoWorkers), "downloads.fewer-than-workers");
    }

    @Test
    void sequentialIsNotFaster() {
        rejected(() -> DownloadsChecks.fasterThanSequential(BrokenDownloaders::sequential), "downloads.not-faster");
    }

    // ---------------------------------------------------------------- edges, threads, interrupts

    @Test
    void emptyListThatStartsAPoolIsRejected() {
        rejected(() -> DownloadsChecks.emptyAndBadArguments(BrokenDownloaders::emptyListCrashes), "downloads.empty-threw");
    }

    @Test
    void missingArgumentChecksAreRejected() {
        rejected(() -> DownloadsChecks.emptyAndBadArguments(BrokenDownloaders::noArgumentChecks), "check.no-exception");
    }

    @Test
    void leakedPoolThreadsAreRejected() {
        rejected(() -> DownloadsChecks.noThreadsLeft(BrokenDownloaders::neverShutsDown), "downloads.leaked");
        rejected(() -> DownloadsChecks.noThreadsLeft(BrokenDownloaders::leaksOnFailure), "downloads.leaked-on-failure");
    }

    @Test
    void interruptTreatedAsAFailedDownloadIsRejected() {
        rejected(() -> DownloadsChecks.interruptStopsDownloads(BrokenDownloaders::interruptAsFailure),
                "downloads.interrupt-wrong-exception");
    }

    @Test
    void ignoredInterruptIsRejected() {
        rejected(() -> DownloadsChecks.interruptStopsDownloads(BrokenDownloaders::ignoresInterrupt),
                "downloads.interrupt-ignored");
        rejected(() -> DownloadsChecks.interruptStopsDownloads(BrokenDownloaders::waitsThenThrows),
                "downloads.interrupt-slow");
    }

    @Test
    void aDownloaderThatSpinsWhileItWaitsIsRejected() {
        rejected(() -> DownloadsChecks.interruptStopsDownloads(BrokenDownloaders::spinsOnIsDone), "check.wait.busy");
    }

    @Test
    void poolThatKeepsGoingAfterAnInterruptIsRejected() {
        rejected(() -> DownloadsChecks.interruptStopsDownloads(BrokenDownloaders::keepsGoingAfterInterrupt),
                "downloads.interrupt-kept-going");
    }

    @Test
    void theSeedsResultsNeverReadCannotPassTheInterruptCheck() {
        // It returns at once, so the interrupt normally never comes; should its requests reach the
        // server first, the interrupt comes after it returned a map: "ignored".
        rejected(() -> DownloadsChecks.interruptStopsDownloads(BrokenDownloaders::neverReadsResults),
                "downloads.interrupt-not-reached", "downloads.interrupt-ignored");
    }

    // ---------------------------------------------------------------- correct downloaders pass

    static Stream<Arguments> correctDownloaders() {
        return Stream.of(
                Arguments.of("fixed pool", (DownloadsChecks.Download) BrokenDownloaders::correct),
                Arguments.of("sendAsync with a semaphore", (DownloadsChecks.Download) BrokenDownloaders::correctAsync),
                Arguments.of("HttpURLConnection on a fixed pool", (DownloadsChecks.Download) BrokenDownloaders::correctUrlConnection));
    }

    @ParameterizedTest(name = "every check accepts a correct downloader: {0}")
    @MethodSource("correctDownloaders")
    void theChecksAcceptACorrectDownloader(String name, DownloadsChecks.Download correct) {
        accepted(() -> DownloadsChecks.bodiesByteExact("canary", correct));
        accepted(() -> DownloadsChecks.failuresNamed(correct));
        accepted(() -> DownloadsChecks.atMostWorkersInFlight(correct));
        accepted(() -> DownloadsChecks.fasterThanSequential(correct));
        accepted(() -> DownloadsChecks.emptyAndBadArguments(correct));
        accepted(() -> DownloadsChecks.noThreadsLeft(correct));
        accepted(() -> DownloadsChecks.interruptStopsDownloads(correct));
    }
}
