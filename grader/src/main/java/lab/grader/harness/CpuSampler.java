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
 * milliseconds, the CPU time of every thread and keeps the last value it saw for each (a thread's
 * final few milliseconds may be missed, which only ever under-counts). A thread that existed
 * before {@link #start} (a shared pool's worker, say) counts with the CPU time it used since. It
 * also records the most threads started since {@link #start} that were alive at once, and the peak
 * number of cores' worth of CPU time used over {@link #PEAK_SPAN} consecutive windows (all threads
 * together). One window is too short for that: a single computing thread plus a moment of the JVM's
 * own bookkeeping on another thread once read 1.10 cores in one of some 750 windows, and let a count
 * that never left its caller pass for parallel; threads that really compute at once hold well over
 * 1.5 cores across any span.
 *
 * <p>Overlap, which holds however busy the machine is: the time between two samples is a window;
 * a window is <em>active</em> when some thread made CPU progress in it, and <em>overlapping</em>
 * when, at its closing sample, two or more threads that made progress in it are still RUNNABLE
 * (computing, whether or not the operating system has them on a core at that instant). Threads that
 * take turns are never RUNNABLE together except during a hand-over, so they overlap in almost no
 * window, however small their tasks; threads that really run at once overlap in nearly every window,
 * also when other programs leave them only a share of the cores (preemption does not change a Java
 * thread's state). Wall-clock or CPU-sum measures cannot tell the two apart under load: there, a
 * parallel count's threads together get no more CPU than a single thread would.
 *
 * <p>Threads already computing before the call are left out. Work an earlier call left behind (a
 * pool that was told to stop but finishes its running chunk, a hung call abandoned by its limit)
 * would otherwise be counted as this call's threads, or as threads computing beside them. So
 * {@link #start} first reads every thread's CPU clock twice, {@link #PRE_WINDOW} apart, and a thread
 * that made progress in that window is not this call's: it is named in {@link Report#leftOut()} and
 * counted nowhere else. (The call has not started yet, so nothing of its own can be in that window.)
 *
 * <p>Use: {@code start} before the call, {@link #caller} from inside it (the thread running the
 * code under test, which is not one of "its" threads), {@link #stop} after it. The thread that
 * starts the sampler is the grader's and is not counted.
 */
public final class CpuSampler {
    /**
     * A thread "made progress" in a window when it used at least this much CPU time in it: more than
     * the bookkeeping of handing a task over, less than one time slice of a thread that computes.
     */
    static final long MIN_PROGRESS_NANOS = 100_000;
    /** How long {@link #start} watches the threads before the call, to find those already computing. */
    static final Duration PRE_WINDOW = Duration.ofMillis(20);
    /** How many consecutive windows {@link Report#peakCores()} is measured over (about 20 ms at 5 ms a window). */
    static final int PEAK_SPAN = 4;

    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    private final Set<Thread> before;
    private final Set<Thread> leftOut = new HashSet<>();
    private final Map<Thread, Long> baseline = new LinkedHashMap<>();
    private final Duration every;
    private final Map<Thread, Long> cpu = new LinkedHashMap<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread sampler;
    private final Thread observer = Thread.currentThread();
    private volatile boolean running = true;
    private volatile Thread caller;
    private int mostAlive;
    private double peakCores;
    private long lastSampleStart = -1;
    /** The start of the sample that opened each of the last {@link #PEAK_SPAN} windows, and the CPU time used in it. */
    private final long[] spanStarts = new long[PEAK_SPAN];
    private final long[] spanUsed = new long[PEAK_SPAN];
    private int windows;
    private int activeWindows;
    private int overlapWindows;

    private CpuSampler(Duration every) {
        this.every = every;
        if (mx.isThreadCpuTimeSupported() && !mx.isThreadCpuTimeEnabled()) {
            mx.setThreadCpuTimeEnabled(true);
        }
        this.before = new HashSet<>(Thread.getAllStackTraces().keySet());
        for (Thread t : before) {
            long nanos = mx.getThreadCpuTime(t.getId());
            if (nanos >= 0) {
                baseline.put(t, nanos);
            }
        }
        try {
            Thread.sleep(PRE_WINDOW.toMillis()); // a measuring window before the call, not synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Map.Entry<Thread, Long> e : baseline.entrySet()) {
            Thread t = e.getKey();
            long nanos = mx.getThreadCpuTime(t.getId());
            if (t != observer && nanos - e.getValue() >= MIN_PROGRESS_NANOS) {
                leftOut.add(t);
            }
        }
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
        List<String> leftOutNames = leftOut.stream().map(Thread::getName).sorted().toList();
        long callerNanos = 0;
        synchronized (cpu) {
            for (Map.Entry<Thread, Long> e : cpu.entrySet()) {
                long used = e.getValue() - baseline.getOrDefault(e.getKey(), 0L);
                if (e.getKey() == caller) {
                    callerNanos = used;
                } else if (used > 0) {
                    threads.add(new ThreadCpu(e.getKey().getName(), used));
                }
            }
        }
        threads.sort(Comparator.comparingLong(ThreadCpu::nanos).reversed());
        return new Report(callerNanos, List.copyOf(threads), mostAlive, peakCores, activeWindows, overlapWindows,
                leftOutNames);
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
        long sampleStart = System.nanoTime();
        int alive = 0;
        long used = 0;
        int progressed = 0;
        int computing = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t == sampler || t == observer || leftOut.contains(t)) {
                continue; // the grader's own (the sampler, the thread waiting for the call), or not this call's work
            }
            long nanos = mx.getThreadCpuTime(t.getId());
            if (nanos < 0) {
                continue; // ended between listing and reading
            }
            boolean fresh = !before.contains(t);
            if (t != caller && fresh) {
                alive++;
            }
            Long last;
            synchronized (cpu) {
                last = cpu.get(t);
                cpu.merge(t, nanos, Math::max);
            }
            long delta = nanos - (last != null ? last : baseline.getOrDefault(t, 0L));
            used += delta;
            if (delta >= MIN_PROGRESS_NANOS) {
                progressed++;
                if (t.getState() == Thread.State.RUNNABLE) {
                    computing++;
                }
            }
        }
        if (caller != null) { // before the caller is named, it cannot be told apart from the threads it starts
            mostAlive = Math.max(mostAlive, alive);
        }
        if (lastSampleStart >= 0) {
            // CPU time used over the last PEAK_SPAN windows, over the wall time from the start of the
            // sample that opened them to the end of this one: every reading lies inside that span, so
            // threads that compute one at a time can never exceed 1.0 here, however the samples are delayed.
            int slot = windows % PEAK_SPAN;
            spanStarts[slot] = lastSampleStart;
            spanUsed[slot] = used;
            windows++;
            if (windows >= PEAK_SPAN) {
                long spanUsedTotal = 0;
                for (long u : spanUsed) {
                    spanUsedTotal += u;
                }
                long opened = spanStarts[windows % PEAK_SPAN]; // the oldest of the span
                peakCores = Math.max(peakCores, (double) spanUsedTotal / (System.nanoTime() - opened));
            }
            if (caller != null && progressed > 0) {
                activeWindows++;
                if (computing >= 2) {
                    overlapWindows++;
                }
            }
        }
        lastSampleStart = sampleStart;
    }

    /** One thread and the CPU time it was last seen to have used. */
    public record ThreadCpu(String name, long nanos) {
    }

    /**
     * What the sampler saw.
     *
     * @param callerNanos CPU time of the thread that ran the code under test
     * @param threads every other thread that used CPU time meanwhile, busiest first
     * @param mostAlive the most threads started since {@link #start} (besides the caller) alive at one sample
     * @param peakCores the most CPU time used per unit of wall time over {@link #PEAK_SPAN} consecutive windows: above 1.0 only
     *        when threads really computed at the same time (it stays at or below 1.0 for threads that
     *        take turns, and also when other programs leave this JVM no more than one core)
     * @param activeWindows sampling windows in which some thread made CPU progress
     * @param overlapWindows active windows that closed with two or more threads that made progress in
     *        them still computing (RUNNABLE): see the class comment
     * @param leftOut the names of threads already computing before the call, counted nowhere above
     */
    public record Report(long callerNanos, List<ThreadCpu> threads, int mostAlive, double peakCores, int activeWindows,
            int overlapWindows, List<String> leftOut) {
        /** CPU time of the caller and every other thread. */
        public long totalNanos() {
            return callerNanos + threads.stream().mapToLong(ThreadCpu::nanos).sum();
        }

        /** The threads besides the caller that used at least {@code share} of {@link #totalNanos()}. */
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
