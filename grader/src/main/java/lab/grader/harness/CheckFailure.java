package lab.grader.harness;

import lab.grader.i18n.Messages;

/**
 * A failed check, with a student-facing message from the bundle.
 *
 * <p>The message key says which bug class the check caught; the project's canary tests assert on it
 * so that each canary is rejected by the check meant for it, not by accident.
 */
public final class CheckFailure extends AssertionError {
    private static final long serialVersionUID = 1L;
    private final String key;

    private CheckFailure(String key, String message, Throwable cause) {
        super(message, cause);
        this.key = key;
    }

    /** A failure with message {@code key} from the bundle. */
    public static CheckFailure of(String key, Object... args) {
        return new CheckFailure(key, Messages.get(key, args), null);
    }

    /** The same, keeping what went wrong underneath (a student exception, say) as the cause. */
    public static CheckFailure because(Throwable cause, String key, Object... args) {
        return new CheckFailure(key, Messages.get(key, args), cause);
    }

    /** A failure whose message was already composed (a property's shrunk case, say). */
    public static CheckFailure withMessage(String key, String message, Throwable cause) {
        return new CheckFailure(key, message, cause);
    }

    /** The bundle key of the message: what kind of mistake the check found. */
    public String key() {
        return key;
    }

    /** Fails with {@code key} unless {@code condition} holds. */
    public static void require(boolean condition, String key, Object... args) {
        if (!condition) {
            throw of(key, args);
        }
    }
}
