package lab.grader.fork;

import java.util.Optional;
import lab.grader.harness.Events;
import lab.grader.harness.Figures;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Sends each check's start and end to the runner as it happens, so that whatever the code under
 * test does next (exit, hang, crash), what already ran is kept.
 */
final class ForkListener implements TestExecutionListener {
    private final Channel channel;
    private final CapturedOutput output;
    private final AtomicReference<String> current = new AtomicReference<>();
    private final AtomicLong startedAt = new AtomicLong();

    ForkListener(Channel channel, CapturedOutput output) {
        this.channel = channel;
        this.output = output;
    }

    /** The check running now, or null. */
    String current() {
        return current.get();
    }

    /** When the current check started (System.nanoTime). */
    long startedAt() {
        return startedAt.get();
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        if (id.isTest()) {
            output.drain(); // output between checks belongs to none of them
            Figures.drain(); // and so do figures
            Events.clear(); // and events
            startedAt.set(System.nanoTime());
            current.set(checkName(id));
            channel.send("start", "check", checkName(id));
        }
    }

    /**
     * Claims the end of the current check: true for exactly one caller, the listener when the check
     * returns or the watchdog when it gives up on it, so a check never ends twice.
     */
    boolean claimEnd(String check) {
        return check != null && current.compareAndSet(check, null);
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (id.isTest()) {
            long millis = (System.nanoTime() - startedAt.get()) / 1_000_000;
            CapturedOutput.Drained printed = output.drain();
            Optional<Throwable> error = result.getThrowable();
            boolean passed = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
            if (!claimEnd(checkName(id))) {
                return; // the watchdog already reported this check as hung
            }
            for (var figure : Figures.drain()) {
                channel.send("figure", "check", checkName(id), "name", figure.getKey(), "value", figure.getValue());
            }
            sendEvents(channel, checkName(id));
            channel.send("end", "check", checkName(id), "status", passed ? "passed" : "failed",
                    "key", error.map(Failures::key).orElse(null),
                    "message", error.map(Failures::message).orElse(null),
                    "output", printed.text(), "dropped", printed.droppedBytes(), "millis", millis);
        } else if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL && result.getThrowable().isPresent()) {
            // The checks class itself failed (a static initialiser of the code under test threw, say).
            Throwable t = result.getThrowable().get();
            channel.send("container-failed", "key", Failures.key(t), "message", Failures.message(t));
        }
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        if (id.isTest()) {
            channel.send("start", "check", checkName(id));
            channel.send("end", "check", checkName(id), "status", "failed", "key", "check.skipped",
                    "message", reason, "output", "", "dropped", 0, "millis", 0);
        }
    }

    /** Sends what the check recorded for the report page's pictures (bounded by {@link Events}). */
    static void sendEvents(Channel channel, String check) {
        for (Events.Event e : Events.drain()) {
            channel.send("event", "check", check, "event", e.toMap());
        }
    }

    private static String checkName(TestIdentifier id) {
        return id.getSource().filter(MethodSource.class::isInstance).map(s -> ((MethodSource) s).getMethodName())
                .orElse(id.getDisplayName());
    }
}
