package lab.grader.harness;

import java.time.Duration;

/**
 * Remembers, for the rest of a grading JVM, that a call into the code under test hung: later calls
 * that would get the standard limit ({@link StudentCall#LIMIT}) get a shorter one, and their message
 * says so. Code that hung once usually hangs in every later check too (a buffer that loses a wake-up
 * loses it in each scenario), and waiting out 20 s each time made a hanging submission take minutes
 * to grade. Calls with a limit of their own (Lincheck's runs) keep it: their work takes that long.
 *
 * <p>A grading JVM that the runner restarts after a hang starts with the memory of that hang
 * ({@code -Dgrader.hungBefore=<what hung>}).
 */
public final class HangMemory {
    /** The limit of a standard call once something has hung: a quarter of the standard limit, at least 2 s. */
    public static final Duration SHORT = Duration.ofMillis(Math.max(2_000, StudentCall.LIMIT.toMillis() / 4));

    private static volatile String first = System.getProperty("grader.hungBefore", "").isBlank() ? null
            : System.getProperty("grader.hungBefore");

    private HangMemory() {
    }

    /** The limit a call asking for {@code limit} gets now. */
    static Duration limitFor(Duration limit) {
        return first != null && limit.equals(StudentCall.LIMIT) && SHORT.compareTo(limit) < 0 ? SHORT : limit;
    }

    /**
     * Off in the project's own test JVMs ({@code -Dgrader.hangMemory=off}), which try many canaries one
     * after another in one JVM: there a hang belongs to one canary, not to the code graded next.
     */
    private static final boolean ON = !"off".equals(System.getProperty("grader.hangMemory"));

    /** Records that the call {@code what} hung (its whole limit passed). */
    static void hung(String what) {
        if (ON && first == null) {
            first = what;
        }
    }

    /** Forgets every hang: only for the project's own tests, which run many scenarios in one JVM. */
    static void forget() {
        first = null;
    }

    /** The first call that hung in this JVM, or null. */
    public static String first() {
        return first;
    }
}
