package lab.grader.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link Stalemate} ends a wait for hung code early only when nothing can ever wake it: canaries that
 * deadlock or lose a wake-up are reported as such in about a second (not after the 60 s limit), and
 * code that is slow, spins, sleeps or hands work on from thread to thread is waited for, never cut
 * short. The scenarios ({@link StalemateScenarios}) run in a JVM of their own, as checks do.
 */
@org.junit.jupiter.api.Tag(lab.grader.selftest.SideBySide.TAG)
class StalemateTest {
    private static final Map<String, String> OUTCOMES = new HashMap<>();

    @BeforeAll
    static void runTheScenarios() throws Exception {
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Dgrader.callLimitSeconds=4", "-cp", System.getProperty("java.class.path"),
                StalemateScenarios.class.getName())).redirectErrorStream(true).start();
        StringBuilder all = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                all.append(line).append('\n');
                String[] parts = line.split(" ", 2);
                if (parts.length == 2) {
                    OUTCOMES.put(parts[0], parts[1]);
                }
            }
        }
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), all.toString());
        assertTrue(all.toString().contains("done"), all.toString());
    }

    private static void outcome(String scenario, String expected) {
        assertEquals(expected, OUTCOMES.get(scenario), scenario);
    }

    @Test
    void twoLocksTakenInOppositeOrdersAreADeadlock() {
        outcome("lockOrderDeadlock", "harness.stalemate");
    }

    @Test
    void monitorsTakenInOppositeOrdersAreADeadlock() {
        outcome("monitorOrderDeadlock", "harness.stalemate");
    }

    @Test
    void anAwaitNoOneSignalsIsALostWakeUp() {
        outcome("awaitWithNoSignal", "harness.stalemate");
    }

    @Test
    void aThreadThatNeverEndsIsProvenStuckByTheWatchToo() {
        outcome("watchOfAThreadThatNeverEnds", "harness.stalemate");
    }

    @Test
    void aHangInsideACheckIsProvenWhileTheWholeCheckIsWaitedForFromOutside() {
        outcome("hangInsideACheckWaitedForFromOutside", "harness.stalemate");
    }

    @Test
    void aWaiterWokenByASleeperIsWaitedFor() {
        outcome("wokenBySleeper", "passed");
    }

    @Test
    void aWaiterWokenByASpinnerIsWaitedFor() {
        outcome("wokenBySpinner", "passed");
    }

    @Test
    void workHandedOnFromThreadToThreadIsWaitedFor() {
        outcome("relayOfThreads", "passed");
    }

    @Test
    void aQuickPingPongIsWaitedFor() {
        outcome("pingPongWithNoWork", "passed");
    }

    @Test
    void afterAHangTheStandardLimitIsShortenedAndTheMessageSaysSo() {
        outcome("shortenedAfterAHang", "harness.timeout.shortened");
    }
}
