package lab.grader.harness;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds threads that code under test left running after a call that promised to finish them.
 *
 * <p>Take a {@link #snapshot()} before the call and {@link #leaked(Duration)} after it: threads that
 * appeared since and are still alive after the grace period (pool threads take a moment to end)
 * are leaks. JDK-internal daemon threads (an HttpClient's selector, Keep-Alive-Timer, the common
 * pool, reference handlers) are not the student's.
 */
public final class LeakGuard {
    private static final Pattern JDK_INTERNAL = Pattern.compile(
            "HttpClient-.*|Keep-Alive-Timer|Keep-Alive-SocketCleaner|ForkJoinPool\\.commonPool-worker-.*|"
                    + "Common-Cleaner|process reaper.*|Attach Listener|Signal Dispatcher|Reference Handler|"
                    + "Finalizer|Notification Thread|.*Lincheck.*|FileSystemWatcher.*|grader-.*|idle-timeout-task|"
                    + "InnocuousThread-.*|JFR.*");

    private final Set<Thread> before;

    private LeakGuard(Set<Thread> before) {
        this.before = before;
    }

    /** The threads alive now. */
    public static LeakGuard snapshot() {
        return new LeakGuard(new HashSet<>(Thread.getAllStackTraces().keySet()));
    }

    /** Threads started since the snapshot and still alive after {@code grace}; empty when clean. */
    public List<Thread> leaked(Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        List<Thread> alive;
        do {
            alive = ThreadDump.startedSince(before).stream().filter(LeakGuard::counts).collect(Collectors.toList());
            if (alive.isEmpty()) {
                return alive;
            }
            Thread.sleep(10); // polling for threads to end, not synchronising with them
        } while (System.nanoTime() < deadline);
        return alive;
    }

    /** The names of threads, for a message. */
    public static String names(List<Thread> threads) {
        return threads.stream().map(t -> t.getName() + " (" + t.getState() + ")").collect(Collectors.joining(", "));
    }

    private static boolean counts(Thread t) {
        return !(t.isDaemon() && JDK_INTERNAL.matcher(t.getName()).matches()) && !t.getName().startsWith("grader-");
    }
}
