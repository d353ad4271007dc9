package lab.grader.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** A sandbox uid is held by one process at a time, also across grader processes (an OS file lock). */
@org.junit.jupiter.api.Tag(lab.grader.selftest.SideBySide.TAG)
class SandboxUidsTest {
    private static final int FIRST = 79_000; // a range the sandboxes never use

    @Test
    void aHeldUidIsNotGivenTwiceAndIsGivenAgainOnceReleased() {
        try (SandboxUids.Lease a = SandboxUids.claim(FIRST, 2); SandboxUids.Lease b = SandboxUids.claim(FIRST, 2)) {
            assertNotEquals(a.uid(), b.uid());
            assertEquals(Set.of(FIRST, FIRST + 1), Set.of(a.uid(), b.uid()));
            assertThrows(IllegalStateException.class, () -> SandboxUids.claim(FIRST, 2), "both are held");
            int released = a.uid();
            a.close();
            try (SandboxUids.Lease c = SandboxUids.claim(FIRST, 2)) {
                assertEquals(released, c.uid());
            }
        }
    }

    @Test
    void aUidHeldByAnotherProcessIsSkipped() throws Exception {
        // Another JVM holds FIRST + 10 (its lock file, as a second grader would) while this one claims from a range of 2.
        ProcessBuilder pb = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldOne.class.getName(), String.valueOf(FIRST + 10));
        Process other = pb.redirectErrorStream(true).start();
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(other.getInputStream()))) {
            assertEquals("held " + (FIRST + 10), out.readLine());
            for (int i = 0; i < 5; i++) {
                try (SandboxUids.Lease mine = SandboxUids.claim(FIRST + 10, 2)) {
                    assertEquals(FIRST + 11, mine.uid(), "the other process's uid is never given");
                }
            }
        } finally {
            other.destroyForcibly();
            other.waitFor();
        }
    }

    /** Holds a uid and waits to be killed: another grader process. */
    static final class HoldOne {
        public static void main(String[] args) throws Exception {
            int uid = Integer.parseInt(args[0]);
            try (SandboxUids.Lease lease = SandboxUids.claim(uid, 1)) {
                System.out.println("held " + lease.uid());
                System.out.flush();
                Thread.sleep(60_000); // the subject: a holder that outlives the test's claims; the test kills it
            }
        }
    }
}
