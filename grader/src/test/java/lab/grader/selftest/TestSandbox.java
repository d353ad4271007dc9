package lab.grader.selftest;

import lab.grader.sandbox.Sandbox;
import lab.grader.sandbox.SandboxUnavailable;
import lab.grader.sandbox.Sandboxes;
import org.junit.jupiter.api.Assumptions;

/**
 * The sandbox the project's own tests grade in: bubblewrap, as batch grading uses it. CI installs it
 * (.ci/run); on a machine without it the tests that are about the sandbox are skipped, saying why.
 */
public final class TestSandbox {
    private static Sandbox bubblewrap;
    private static String unavailable;

    private TestSandbox() {
    }

    /** Bubblewrap, or the test is skipped with the reason (no bwrap, no user namespaces). */
    public static synchronized Sandbox bubblewrap() {
        if (bubblewrap == null && unavailable == null) {
            try {
                bubblewrap = Sandboxes.choose("on");
            } catch (SandboxUnavailable e) {
                unavailable = e.getMessage();
            }
        }
        Assumptions.assumeTrue(bubblewrap != null, () -> "skipped: the OS sandbox cannot start here: " + unavailable);
        return bubblewrap;
    }

    /** Bubblewrap where it starts, else no sandbox (for tests about something else that batch-grade). */
    public static synchronized Sandbox bestAvailable() {
        try {
            return bubblewrap();
        } catch (org.opentest4j.TestAbortedException e) {
            return Sandbox.NONE;
        }
    }
}
