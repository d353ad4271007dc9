package lab.grader.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Set;
import lab.grader.harness.CheckFailure;

/**
 * Asserts that a check rejects a known-broken implementation, and for the reason it is meant to:
 * the failure's message key names the bug class, so a canary caught by accident does not count.
 */
public final class Canary {
    private Canary() {
    }

    /** A check run against a canary. */
    @FunctionalInterface
    public interface Check {
        void run() throws Exception;
    }

    /** The check must fail with a {@link CheckFailure} whose key is one of {@code keys}. */
    public static CheckFailure rejected(Check check, String... keys) {
        try {
            check.run();
        } catch (CheckFailure f) {
            if (!Set.of(keys).contains(f.key())) {
                fail("rejected for the wrong reason: expected " + String.join(" or ", keys) + ", got " + f.key() + ": "
                        + f.getMessage(), f);
            }
            return f;
        } catch (Throwable t) {
            fail("the check crashed instead of rejecting the canary: " + t, t);
        }
        return fail("the check let a known-broken implementation through (expected " + String.join(" or ", keys) + ")");
    }

    /** The check must pass (for reference implementations). */
    public static void accepted(Check check) {
        try {
            check.run();
        } catch (Throwable t) {
            fail("a correct implementation was rejected: " + t.getMessage(), t);
        }
    }

    /** Asserts a message key. */
    public static void key(String expected, CheckFailure f) {
        assertEquals(expected, f.key(), f.getMessage());
    }
}
