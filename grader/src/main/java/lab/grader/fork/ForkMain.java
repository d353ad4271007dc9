package lab.grader.fork;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lab.grader.harness.ThreadDump;
import lab.grader.i18n.Messages;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The entry point of a grading JVM: runs some checks of one exercise and reports each as it ends.
 *
 * <p>Arguments: the checks class, a comma list of check (method) names (or {@code class#method} for a
 * check held by another class), and how many seconds one
 * check may take. The first line of standard input is the token that marks genuine report lines.
 * This JVM runs student code, so it only reports; the score is computed by the runner outside it.
 */
public final class ForkMain {
    /** Exit status when a check hung and this JVM gave up on it: the runner resumes with the rest. */
    public static final int HUNG = 3;

    private ForkMain() {
    }

    public static void main(String[] args) throws Exception {
        String checksClass = args[0];
        List<String> checks = Arrays.asList(args[1].split(","));
        long checkSeconds = Long.parseLong(args[2]);
        String token = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();

        Channel channel = new Channel(new PrintStream(System.out, false, StandardCharsets.UTF_8), token);
        CapturedOutput output = new CapturedOutput();
        PrintStream captured = new PrintStream(output, true, StandardCharsets.UTF_8);
        System.setOut(captured);
        System.setErr(captured);

        ForkListener listener = new ForkListener(channel, output);
        ExitWatch exitWatch = new ExitWatch(channel, listener);
        Runtime.getRuntime().addShutdownHook(new Thread(exitWatch, "grader-exit-watch"));
        startWatchdog(channel, listener, checkSeconds);

        List<org.junit.platform.engine.DiscoverySelector> selectors = new ArrayList<>();
        for (String check : checks) {
            // "class#method": a check held by a class of its own (an instructor's hidden check).
            selectors.add(check.contains("#") ? DiscoverySelectors.selectMethod(check)
                    : DiscoverySelectors.selectMethod(checksClass, check));
        }
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                .build();
        try {
            LauncherFactory.create().execute(request, listener);
        } catch (Throwable aborted) {
            // JUnit gives up on the whole run for some errors (OutOfMemoryError outside StudentCall):
            // fail the check that was running and let the runner resume the rest in a fresh JVM.
            String check = listener.current();
            if (listener.claimEnd(check)) {
                channel.send("end", "check", check, "status", "failed", "key", Failures.key(aborted),
                        "message", Failures.message(aborted), "output", "", "dropped", 0, "millis", 0);
            }
            channel.send("hung", "check", check);
            exitWatch.finished();
            Runtime.getRuntime().halt(HUNG);
        }

        CapturedOutput.Drained rest = output.drain();
        channel.send("done", "output", rest.text(), "dropped", rest.droppedBytes(), "leftover", leftoverThreads());
        exitWatch.finished();
        // Halt, not exit: threads the code under test left running must not keep this JVM alive.
        Runtime.getRuntime().halt(0);
    }

    /** Threads the code under test left running (non-daemon, not the grader's): reported, then halted. */
    private static List<String> leftoverThreads() {
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && !t.isDaemon() && t != Thread.currentThread() && !t.getName().startsWith("grader-")
                    && !"DestroyJavaVM".equals(t.getName())) {
                names.add(t.getName());
            }
        }
        java.util.Collections.sort(names);
        return names;
    }

    /** Gives up on a check that outlives its limit: reports it with a thread dump, then ends the JVM. */
    private static void startWatchdog(Channel channel, ForkListener listener, long checkSeconds) {
        Thread watchdog = new Thread(() -> {
            while (true) {
                try {
                    TimeUnit.MILLISECONDS.sleep(100); // a polling period, not a synchronisation
                } catch (InterruptedException e) {
                    return;
                }
                String check = listener.current();
                if (check != null && System.nanoTime() - listener.startedAt() > TimeUnit.SECONDS.toNanos(checkSeconds)
                        && listener.claimEnd(check)) {
                    List<Thread> threads = new ArrayList<>(Thread.getAllStackTraces().keySet());
                    threads.removeIf(t -> t == Thread.currentThread() || (t.isDaemon() && !t.getName().startsWith("grader-calls")));
                    // The stuck threads as events too, for the report page's picture of the hang.
                    lab.grader.harness.Events.clear();
                    ThreadDump.recordStuck("hang", threads);
                    ForkListener.sendEvents(channel, check);
                    channel.send("end", "check", check, "status", "failed", "key", "harness.check-timeout",
                            "message", Messages.get("harness.check-timeout", checkSeconds, ThreadDump.describe(threads)),
                            "output", "", "dropped", 0, "millis", checkSeconds * 1000);
                    channel.send("hung", "check", check);
                    Runtime.getRuntime().halt(HUNG);
                }
            }
        }, "grader-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** Runs at JVM shutdown: if the checks did not finish, something called System.exit; say who. */
    private static final class ExitWatch implements Runnable {
        private final Channel channel;
        private final ForkListener listener;
        private volatile boolean finished;

        ExitWatch(Channel channel, ForkListener listener) {
            this.channel = channel;
            this.listener = listener;
        }

        void finished() {
            finished = true;
        }

        @Override
        public void run() {
            if (finished) {
                return;
            }
            // Shutdown.exit means System.exit or Runtime.exit; without it the JVM is ending because its
            // last non-daemon thread ended (the main thread died), which is not the student's call.
            String call = "none";
            String where = "-";
            for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
                StackTraceElement[] stack = e.getValue();
                boolean exiting = Arrays.stream(stack).anyMatch(
                        f -> f.getClassName().equals("java.lang.Shutdown") && f.getMethodName().equals("exit"));
                if (exiting) {
                    boolean viaSystem = Arrays.stream(stack).anyMatch(
                            f -> f.getClassName().equals("java.lang.System") && f.getMethodName().equals("exit"));
                    call = viaSystem ? "System.exit" : "Runtime.exit";
                    StackTraceElement student = ThreadDump.firstStudentFrame(stack);
                    where = Messages.get("run.exit-where", student == null ? "?" : ThreadDump.frame(student), e.getKey().getName());
                }
            }
            channel.send("exit", "check", listener.current(), "call", call, "where", where);
        }
    }
}
