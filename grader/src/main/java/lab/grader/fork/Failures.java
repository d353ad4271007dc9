package lab.grader.fork;

import java.util.concurrent.ExecutionException;
import lab.grader.harness.CheckFailure;
import lab.grader.harness.ThreadDump;
import lab.grader.i18n.Messages;

/** Turns whatever ended a check into words a student can act on, and the kind of mistake it was. */
final class Failures {
    static final int MAX_MESSAGE = 12_000;

    private Failures() {
    }

    /** The bundle key that says what kind of failure this was. */
    static String key(Throwable t) {
        if (t instanceof CheckFailure cf) {
            return cf.key();
        }
        Throwable root = unwrap(t);
        if (root instanceof UnsupportedOperationException && String.valueOf(root.getMessage()).startsWith("TODO")) {
            return "check.todo";
        }
        if (root instanceof OutOfMemoryError) {
            return "check.out-of-memory";
        }
        if (root instanceof StackOverflowError) {
            return "check.stack-overflow";
        }
        return t instanceof AssertionError ? "check.assertion" : "check.threw";
    }

    /** The message for the report. */
    static String message(Throwable t) {
        String key = key(t);
        Throwable root = unwrap(t);
        StackTraceElement where = ThreadDump.firstStudentFrame(root.getStackTrace());
        String at = where == null ? "-" : ThreadDump.frame(where);
        String text = switch (key) {
            case "check.todo" -> Messages.get(key, root.getMessage(), at);
            // Without a line of the student's code (a thread could not be created, say), no "(at -)": say what is known.
            case "check.out-of-memory" -> where == null ? Messages.get("check.out-of-memory-unplaced", String.valueOf(root.getMessage()))
                    : Messages.get(key, at);
            case "check.stack-overflow" -> Messages.get(key, at);
            case "check.threw" -> Messages.get(key, root.getClass().getName(), String.valueOf(root.getMessage()), at);
            case "check.assertion" -> Messages.get(key, String.valueOf(t.getMessage()));
            default -> t.getMessage();
        };
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "\n...";
    }

    private static Throwable unwrap(Throwable t) {
        Throwable cur = t;
        while ((cur instanceof ExecutionException || cur instanceof java.util.concurrent.CompletionException)
                && cur.getCause() != null) {
            cur = cur.getCause();
        }
        return cur;
    }
}
