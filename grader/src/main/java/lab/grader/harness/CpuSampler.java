package lab.grader.harness;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Which threads used the CPU while code under test ran: the proof that CPU-bound work was spread
 * over several threads, read from the JVM's per-thread CPU clocks rather than guessed from
 * wall-clock time.
 *
 * <p>Why a sampler: {@link ThreadMXBean#getThreadCpuTime(long)} can only be read while a thread is
 * alive, and pool threads end soon after the call returns. So a grader thread polls, every few
 * milliseconds, the CPU time of every thread that appeared since {@link #start} and keeps the last
 * value it saw for each (a thread's final few milliseconds may be missed, which only ever
 * under-counts). It also records the most of those threads alive at once.
 *
 * <p>Use: {@code start} before the call, {@link #caller} from inside it (the thread running the
 * code under test, which is not one of "its" threads), {@link #stop} after it.
 */
public final class CpuSampler {
    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    private final Set<Thread> before;
    private final Duration every;
    private final Map<Thread, Long> cpu = new LinkedHashMap<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile Thread caller;
    private int mostAlive;

    private CpuSampler(Duration every) {
        this.every = every;
        if (mx.isThreadCpuTimeSupported() && !mx.isThreadCpuTimeEnabled()) {
            mx.setThreadCpuTimeEnabled(true);
        }
        this.before = new HashSet<>(Thread.getAllStackTraces().keySet());
        this.sampler = new Thread(this::loop, "grader-cpu-sampler");
        this.sampler.setDaemon(true);
    }

    /** Whether this JVM can read per-thread CPU time at all (HotSpot on Linux, macOS, Windows can). */
    public static boolean supported() {
        return ManagementFactory.getThreadMXBean().isThreadCpuTimeSupported();
    }

    /** Starts sampling the threads that appear from now on, every {@code every}. */
    public static CpuSampler start(Duration every) {
        CpuSampler s = new CpuSampler(every);
        s.sampler.start();
        return s;
    }

    /** Names the thread that runs the code under test (call it from that thread). */
    public void caller(Thread thread) {
        caller = thread;
    }

    /** Stops sampling (after one last sample) and says what was seen. */
    public Report stop() throws InterruptedException {
        running = false;
        sampler.interrupt();
        stopped.await();
        List<ThreadCpu> threads = new ArrayList<>();
        long callerNanos = 0;
        synchronized (cpu) {
            for (Map.Entry<Thread, Long> e : cpu.entrySet()) {
                if (e.getKey() == caller) {
                    callerNanos = e.getValue();
                } else {
                    threads.add(new ThreadCpu(e.getKey().getName(), e.getValue()));
                }
            }
        }
        threads.sort(Comparator.comparingLong(ThreadCpu::nanos).reversed());
        return new Report(callerNanos, List.copyOf(threads), mostAlive);
    }

    private void loop() {
        try {
            while (running) {
                sample();
                try {
                    Thread.sleep(every.toMillis()); // the sampling period, not synchronisation
                } catch (InterruptedException e) {
                    break;
                }
            }
            sample();
        } finally {
            stopped.countDown();
        }
    }

    private void sample() {
        int alive = 0;
        boolean countable = caller != null;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (before.contains(t) || t == sampler) {
                continue;
            }
            long nanos = mx.getThreadCpuTime(t.getId());
            if (nanos < 0) {
                continue; // ended between listing and reading
            }
            if (t != caller) {
                alive++;
            }
            synchronized (cpu) {
                cpu.merge(t, nanos, Math::max);
            }
        }
        if (countable) { // before the caller is named, it cannot be told apart from the threads it starts
            mostAlive = Math.max(mostAlive, alive);
        }
    }

    /** One thread and the CPU time it was last seen to have used. */
    public record ThreadCpu(String name, long nanos) {
    }

    /**
     * What the sampler saw.
     *
     * @param callerNanos CPU time of the thread that ran the code under test
     * @param threads the threads the code under test started, busiest first
     * @param mostAlive the most of those threads alive at one sample
     */
    public record Report(long callerNanos, List<ThreadCpu> threads, int mostAlive) {
        /** CPU time of the caller and every thread it started. */
        public long totalNanos() {
            return callerNanos + threads.stream().mapToLong(ThreadCpu::nanos).sum();
        }

        /** The started threads that used at least {@code share} of {@link #totalNanos()}. */
        public List<ThreadCpu> busy(double share) {
            long total = totalNanos();
            return threads.stream().filter(t -> total > 0 && t.nanos() >= share * total).toList();
        }

        /** The caller's share of the CPU time, 0..1. */
        public double callerShare() {
            long total = totalNanos();
            return total == 0 ? 0 : (double) callerNanos / total;
        }
    }
}
