package lab.grader.parallel;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import lab.grader.harness.CheckFailure;
import lab.grader.harness.CpuSampler;
import lab.grader.harness.Events;
import lab.grader.harness.Figures;
import lab.grader.harness.GraderPool;
import lab.grader.harness.LeakGuard;
import lab.grader.harness.Property;
import lab.grader.harness.StudentCall;
import lab.grader.harness.Timing;
import lab.grader.i18n.Messages;
import lab.parallel.PrimeCount;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/**
 * The parallel exercise's checks: "CPU-bound work runs on several cores and beats sequential where
 * the machine has them".
 *
 * <p>Check functions over {@link Primes} (the student's {@code PrimeCount} or a known-broken
 * stand-in) come first; the {@code @Test} methods at the end bind them to the student's class, and
 * their names are the rubric's check ids. Counts are compared with the grader's own sieve; which
 * threads did the work is read from the JVM's per-thread CPU clocks ({@link CpuSampler}); speed is
 * judged against the cores this JVM sees.
 */
public class ParallelChecks {
    static final Duration LIMIT = StudentCall.LIMIT;
    /**
     * The limit for counts over a calibrated range: never below 20 s, also when the project's own
     * tests shorten {@link #LIMIT} to prove hangs quickly. These counts are sized to take a few hundred
     * milliseconds of CPU, which a machine shared with other builds can stretch past a short limit
     * (seen at 4 s with three test JVMs on two cores); they are work, not a hang. A student's run
     * (20 s by default) is unchanged.
     */
    static final Duration WORK_LIMIT = LIMIT.compareTo(Duration.ofSeconds(20)) > 0 ? LIMIT : Duration.ofSeconds(20);
    static final int MAX = Integer.MAX_VALUE;
    /** The speed check wants parallel at least this much faster than sequential (on 2+ cores). */
    static final double REQUIRED_SPEEDUP = 1.3;
    /** How long the sequential count of the timed range should take: long enough to measure. */
    static final Duration TARGET = Duration.ofMillis(200);
    static final Duration LEAK_GRACE = Duration.ofSeconds(1);
    static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    /** {@link PrimeCount} or a stand-in for it. */
    public interface Primes {
        long sequential(int from, int to);

        long parallel(int from, int to, int parallelism) throws InterruptedException;
    }

    /** The student's class. */
    static final Primes STUDENT = new Primes() {
        @Override
        public long sequential(int from, int to) {
            return PrimeCount.sequential(from, to);
        }

        @Override
        public long parallel(int from, int to, int parallelism) throws InterruptedException {
            return PrimeCount.parallel(from, to, parallelism);
        }
    };

    // ---------------------------------------------------------------- known values

    /** A range with its count, and what a wrong answer there most likely means. */
    record Known(int from, int to, long count, String hint) {
    }

    /**
     * Ordered so that each mistake is first caught by the case that names it: counting {@code to}
     * shows at [90, 97) (97 is prime) before 0 and 1 are tested, and so on.
     */
    static final List<Known> KNOWN = List.of(
            new Known(90, 97, 0, "parallel.hint.to-excluded"),
            new Known(0, 2, 0, "parallel.hint.zero-one"),
            new Known(1, 2, 0, "parallel.hint.zero-one"),
            new Known(2, 3, 1, "parallel.hint.two"),
            new Known(0, 3, 1, "parallel.hint.two"),
            new Known(3, 3, 0, "parallel.hint.empty"),
            new Known(0, 0, 0, "parallel.hint.empty"),
            new Known(0, 97, 24, "parallel.hint.to-excluded"),
            new Known(0, 100, 25, "parallel.hint.count"),
            new Known(0, 200_000, 17_984, "parallel.hint.count"),
            new Known(MAX - 20, MAX, 1, "parallel.hint.overflow"),
            new Known(MAX - 1, MAX, 0, "parallel.hint.overflow"));

    /**
     * sequential gives the known counts: 25 primes below 100, 17,984 below 200,000, the edges of
     * {@code from <= p < to}, and a range that ends at Integer.MAX_VALUE. (A student who has written
     * sequential and not yet parallel earns this one.)
     */
    public static void sequentialKnownValues(Primes primes) throws Exception {
        for (Known k : KNOWN) {
            long got = StudentCall.call(seqCall(k.from, k.to), LIMIT, () -> primes.sequential(k.from, k.to));
            CheckFailure.require(got == k.count, "parallel.known", seqCall(k.from, k.to), k.count, got, Messages.get(k.hint));
        }
    }

    /** parallel(from, to, 3) gives the same known counts. */
    static void parallelKnownValues(Primes primes) throws Exception {
        for (Known k : KNOWN) {
            long got = StudentCall.call(parCall(k.from, k.to, 3), LIMIT, () -> primes.parallel(k.from, k.to, 3));
            CheckFailure.require(got == k.count, "parallel.known", parCall(k.from, k.to, 3), k.count, got,
                    Messages.get(k.hint.equals("parallel.hint.count") ? "parallel.hint.split" : k.hint));
        }
    }

    // ---------------------------------------------------------------- parallel equals sequential

    /** A range and a parallelism. */
    record Split(int from, int to, int parallelism) {
        @Override
        public String toString() {
            return parCall(from, to, parallelism);
        }
    }

    /** Edges first: empty ranges, fewer numbers than threads, chunk bounds that meet primes, the end of int. */
    static final List<Split> EDGES = List.of(
            new Split(0, 0, 3), new Split(5, 5, 1), new Split(0, 1, 4), new Split(2, 3, 8), new Split(0, 7, 8),
            new Split(0, 10, 3), new Split(0, 100, 7), new Split(13, 14, 2), new Split(0, 30_000, 8),
            new Split(MAX - 3_000, MAX, 7), new Split(MAX - 1, MAX, 4), new Split(MAX - 100, MAX, 1));

    /**
     * parallel gives the known counts, and parallel(from, to, p) equals sequential(from, to) for the
     * edges above and a property over small ranges and parallelism 1..8: chunk bounds that skip or
     * double-count a number show here.
     */
    public static void parallelEqualsSequential(String checkName, Primes primes) throws Exception {
        parallelKnownValues(primes);
        matchesSequential(checkName, primes);
    }

    /** The second half of {@link #parallelEqualsSequential}: the edges and the property. */
    static void matchesSequential(String checkName, Primes primes) throws Exception {
        for (Split s : EDGES) {
            sameAsSequential(primes, s);
        }
        Gen<Split> splits = SourceDSL.integers().between(0, 20_000)
                .zip(SourceDSL.integers().between(0, 3_000), SourceDSL.integers().between(1, 8),
                        (from, width, p) -> new Split(from, from + width, p));
        Property.forAll(checkName, 40, splits, Split::toString, s -> sameAsSequential(primes, s));
    }

    static void sameAsSequential(Primes primes, Split s) throws Exception {
        long seq = StudentCall.call(seqCall(s.from, s.to), LIMIT, () -> primes.sequential(s.from, s.to));
        long par = StudentCall.call(s.toString(), LIMIT, () -> primes.parallel(s.from, s.to, s.parallelism));
        CheckFailure.require(par == seq, "parallel.differs", s.toString(), par, seqCall(s.from, s.to), seq,
                reference(s.from, s.to), par > seq ? Messages.get("parallel.hint.double-counted")
                        : Messages.get("parallel.hint.missed"));
    }

    // ---------------------------------------------------------------- the work ran on several threads

    /**
     * The work really ran on several threads: with parallelism p = max(2, min(cores, 4)), p threads
     * each did a real share of the CPU work and no more than p (+1 spare, see
     * {@link #allowedAlive}) threads were alive at once; with
     * parallelism 1, one thread did it all. Read from per-thread CPU time, sampled while the call
     * runs, so it holds however busy the machine is. (Whether the threads computed at the same
     * moment is for the speed check: only free cores can show it.)
     */
    public static void usesSeveralThreads(Primes primes) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        Range range = calibrate(primes);
        long expected = reference(range.from, range.to);
        int p = Math.max(2, Math.min(cores, 4));

        CpuSampler.Report several = sample(primes, range, p, expected);
        List<CpuSampler.ThreadCpu> busy = several.busy(share(p));
        int working = busy.size() + (several.callerShare() >= share(p) ? 1 : 0);
        Figures.record("threads.used", working);
        Figures.record("threads.alive", several.mostAlive());
        CheckFailure.require(several.mostAlive() <= allowedAlive(p), "parallel.threads.too-many",
                parCall(range.from, range.to, p), several.mostAlive(), allowedAlive(p));
        if (busy.isEmpty()) {
            throw CheckFailure.of("parallel.threads.on-caller", parCall(range.from, range.to, p), p);
        }
        CheckFailure.require(working >= p, "parallel.threads.too-few", parCall(range.from, range.to, p), working, p,
                shares(several));

        CpuSampler.Report one = sample(primes, range, 1, expected);
        int workingAlone = one.busy(share(1)).size() + (one.callerShare() >= share(1) ? 1 : 0);
        CheckFailure.require(one.mostAlive() <= allowedAlive(1) && workingAlone <= 1, "parallel.threads.ignores-parallelism",
                parCall(range.from, range.to, 1), Math.max(workingAlone, one.mostAlive()), shares(one));
    }

    /**
     * The most threads of its own a call with parallelism p may have alive at once: p, plus one spare
     * when p > 1 (a ForkJoinPool may add one while a worker waits in join() for a stolen task).
     */
    static int allowedAlive(int p) {
        return p == 1 ? 1 : p + 1;
    }

    /** A thread "did a share" when it used at least a quarter of an even share of the CPU time. */
    static double share(int p) {
        return 1.0 / (4 * p);
    }

    /** The sampler must see at least this share of the calibrated CPU time, or the sample is retried. */
    static final double MIN_COVERAGE = 0.4;
    static final int SAMPLE_TRIES = 3;

    /**
     * Runs parallel(range, p) under a {@link CpuSampler} and checks the count. The sampler reads the
     * threads' clocks every few milliseconds; a machine that starves it (a hypervisor taking the CPU,
     * say) can make it miss a short-lived thread's work altogether, and then the shares it reports say
     * nothing. So a sample that saw less than {@value #MIN_COVERAGE} of the CPU time the calibrated
     * range took sequentially is taken again (up to {@value #SAMPLE_TRIES} times; the fullest is kept).
     */
    static CpuSampler.Report sample(Primes primes, Range range, int p, long expected) throws Exception {
        CpuSampler.Report fullest = null;
        for (int attempt = 1; attempt <= SAMPLE_TRIES; attempt++) {
            CpuSampler.Report report = sampleOnce(primes, range, p, expected);
            if (fullest == null || report.totalNanos() > fullest.totalNanos()) {
                fullest = report;
            }
            if (report.totalNanos() >= MIN_COVERAGE * range.cpuNanos) {
                break;
            }
        }
        return fullest;
    }

    static CpuSampler.Report sampleOnce(Primes primes, Range range, int p, long expected) throws Exception {
        String what = parCall(range.from, range.to, p);
        CpuSampler sampler = CpuSampler.start(Duration.ofMillis(5));
        long got;
        CpuSampler.Report report;
        try {
            got = StudentCall.call(what, WORK_LIMIT, () -> {
                sampler.caller(Thread.currentThread());
                return primes.parallel(range.from, range.to, p);
            });
        } finally {
            report = sampler.stop();
        }
        CheckFailure.require(got == expected, "parallel.wrong-count", what, expected, got);
        return report;
    }

    static String shares(CpuSampler.Report r) {
        double total = Math.max(1, r.totalNanos());
        String threads = r.threads().stream().limit(8)
                .map(t -> Messages.get("parallel.thread-share", t.name(), 100.0 * t.nanos() / total))
                .collect(Collectors.joining(", "));
        String caller = Messages.get("parallel.caller-share", 100.0 * r.callerNanos() / total);
        String shares = threads.isEmpty() ? caller : caller + ", " + threads;
        return r.leftOut().isEmpty() ? shares : shares + " " + Messages.get("parallel.left-out", String.join(", ", r.leftOut()));
    }

    // ---------------------------------------------------------------- faster where there are cores

    /** The CPU time of each thread in the best parallel run and the two wall times, for the report page's bars. */
    private static void recordCpu(CpuSampler.Report seen, long sequentialNanos, long parallelNanos) {
        if (seen != null) {
            Events.record(new Events.Event("cpu", "value", "caller", 0, 0, seen.callerNanos() / 1e6, "caller"));
            // the grader's own threads (its watchdog) are not the student's work
            seen.threads().stream().filter(t -> !t.name().startsWith("grader-")).sorted((a, b) -> Long.compare(b.nanos(), a.nanos())).limit(16)
                    .forEach(t -> Events.record(new Events.Event("cpu", "value", "thread", 0, 0, t.nanos() / 1e6, t.name())));
        }
        Events.value("cpu.wall", "sequential", sequentialNanos / 1e6);
        Events.value("cpu.wall", "parallel", parallelNanos / 1e6);
    }

    /**
     * Against the cores this JVM sees: with 2 or more, parallel(min(cores, 8) threads) must beat
     * sequential on the same range by {@value #REQUIRED_SPEEDUP}x (a little less while the machine
     * is partly busy, see {@link #required}), both counts right.
     *
     * <p>Other programs may be using the cores at the same moment (a CI runner, a laptop compiling):
     * then no parallel count can win, and timings jump around. So each try times, back to back, the
     * student's sequential count, the student's parallel count, and the grader's own
     * parallelisation of the student's sequential count (chunks on a fixed pool of the same size):
     * what the machine allows right now. The speedups are best time against best time over the
     * tries: other programs can only ever add time to a run, never take it away, so the fastest run
     * of each is the closest to what the code can do (seen on a VM losing 37% of its CPU to the
     * hypervisor: the paired ratios' median said 0.94x where the best times said 1.29x). When even
     * the grader's own parallel count gains less than {@value #MACHINE_FLOOR}x, or the same sequential count varies by more than
     * {@value #MAX_SPREAD}x between tries, the speedup is "not measurable now" and is not held
     * against the student. Speed is credited only when the counts are right, and, busy machine or
     * not, only when the student's threads were seen computing at the same time ({@link #ranAtOnce}:
     * a sampler reads their CPU clocks and states during the timed runs). A count that runs its
     * chunks one at a time (p threads taking turns) fails here whether or not the machine is busy,
     * so the same code gets the same grade. On 1 core there is nothing to gain: the check only
     * verifies the count and reports "not applicable".
     */
    public static void fasterOnSeveralCores(Primes primes) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        Figures.record("cores", cores);
        if (cores < 2) {
            long got = StudentCall.call(parCall(0, 200_000, 2), LIMIT, () -> primes.parallel(0, 200_000, 2));
            CheckFailure.require(got == 17_984, "parallel.wrong-count", parCall(0, 200_000, 2), 17_984, got);
            Figures.record("speedup.text", Messages.get("parallel.figure.not-applicable", cores));
            System.out.println(Messages.get("parallel.speed.not-applicable", cores));
            return;
        }
        int p = Math.min(cores, 8);
        Range range = calibrate(primes);
        long expected = reference(range.from, range.to);
        int tries = 0;
        long bestOwn = Long.MAX_VALUE;
        long bestSeq = Long.MAX_VALUE;
        long bestPar = Long.MAX_VALUE;
        long worstSeq = 0;
        double peakCores = 0;
        int active = 0;
        int overlapping = 0;
        CpuSampler.Report bestSeen = null;
        for (int attempt = 1; attempt <= 5; attempt++) {
            Timing.Measured<Long> seq = StudentCall.call(seqCall(range.from, range.to), WORK_LIMIT,
                    () -> Timing.once(() -> primes.sequential(range.from, range.to)));
            CheckFailure.require(seq.value() == expected, "parallel.wrong-count", seqCall(range.from, range.to), expected,
                    seq.value());
            CpuSampler sampler = CpuSampler.start(OVERLAP_WINDOW);
            CpuSampler.Report seenNow = null;
            Timing.Measured<Long> par;
            try {
                par = StudentCall.call(parCall(range.from, range.to, p), WORK_LIMIT, () -> {
                    sampler.caller(Thread.currentThread());
                    return Timing.once(() -> primes.parallel(range.from, range.to, p));
                });
            } finally {
                CpuSampler.Report seen = sampler.stop();
                seenNow = seen;
                peakCores = Math.max(peakCores, seen.peakCores());
                active += seen.activeWindows();
                overlapping += seen.overlapWindows();
            }
            CheckFailure.require(par.value() == expected, "parallel.wrong-count", parCall(range.from, range.to, p), expected,
                    par.value());
            Timing.Measured<Long> own = StudentCall.call(seqCall(range.from, range.to), WORK_LIMIT,
                    () -> Timing.once(() -> chunkedOnOwnPool(primes, range.from, range.to, p)));
            bestSeq = Math.min(bestSeq, seq.nanos());
            worstSeq = Math.max(worstSeq, seq.nanos());
            if (par.nanos() < bestPar) {
                bestSeen = seenNow; // the CPU each thread used in the best run: the report page's bars
            }
            bestPar = Math.min(bestPar, par.nanos());
            bestOwn = Math.min(bestOwn, own.nanos());
            tries = attempt;
            // Three tries settle a pass, two a clear one; anything else (too slow, or the cores busy) gets up to five.
            if (settled(attempt, bestSeq, worstSeq, bestPar, bestOwn) && ranAtOnce(peakCores, active, overlapping)) {
                break;
            }
        }
        double speedup = (double) bestSeq / bestPar;
        double possible = (double) bestSeq / bestOwn;
        recordCpu(bestSeen, bestSeq, bestPar);
        Figures.record("speedup", speedup);
        Figures.record("machine.speedup", possible);
        Figures.record("parallel.seconds", Timing.seconds(bestPar));
        Figures.record("sequential.seconds", Timing.seconds(bestSeq));
        Figures.record("parallelism", p);
        double spread = (double) worstSeq / bestSeq;
        Figures.record("peak.cores", peakCores);
        Figures.record("overlap.windows", overlapping);
        Figures.record("active.windows", active);
        boolean atOnce = ranAtOnce(peakCores, active, overlapping);
        Figures.record("ran.at.once", atOnce ? 1 : 0);
        System.out.println(Messages.get("parallel.speed.figures", speedup, p, Timing.seconds(bestPar), Timing.seconds(bestSeq),
                possible, cores, tries, spread, peakCores, overlapping, active));
        boolean judged = possible >= MACHINE_FLOOR && spread <= MAX_SPREAD;
        Figures.record("speed.judged", judged ? 1 : 0);
        // Taking turns is caught first, busy machine or not: the same code gets the same grade.
        CheckFailure.require(atOnce, "parallel.speed.one-at-a-time", parCall(range.from, range.to, p), p, overlapping,
                active, peakCores, 100.0 * MIN_OVERLAP);
        if (!judged) {
            Figures.record("speedup.text", Messages.get("parallel.figure.busy", speedup, possible));
            System.out.println(possible < MACHINE_FLOOR ? Messages.get("parallel.speed.busy", possible, MACHINE_FLOOR)
                    : Messages.get("parallel.speed.noisy", spread, MAX_SPREAD));
            return;
        }
        Figures.record("speedup.text", Messages.get("parallel.figure.speedup", speedup, p, Timing.seconds(bestPar),
                Timing.seconds(bestSeq)));
        Figures.record("speedup.required", required(possible));
        CheckFailure.require(speedup >= required(possible), "parallel.not-faster", parCall(range.from, range.to, p),
                Timing.seconds(bestPar), seqCall(range.from, range.to), Timing.seconds(bestSeq), speedup, required(possible),
                cores, possible);
    }

    /**
     * Whether the tries so far settle a pass of the speed (the overlap is judged apart). After three,
     * when the machine allowed a speed-up and the student's reached what is asked. After two already,
     * when the sequential times agree within {@value #MAX_SPREAD}x and the speed-up beats the most ever
     * asked ({@value #REQUIRED_SPEEDUP}x) by that much again: another try can lower the best sequential
     * time (and with it the speed-up) by at most that factor before the timings count as too noisy to
     * judge, so it could not turn this pass into a fail, whatever it does to what the machine allows.
     */
    static boolean settled(int attempt, long bestSeq, long worstSeq, long bestPar, long bestOwn) {
        double machineNow = (double) bestSeq / bestOwn;
        double speedup = (double) bestSeq / bestPar;
        if (attempt < 2 || machineNow < MACHINE_FLOOR) {
            return false;
        }
        if (attempt >= 3) {
            return speedup >= required(machineNow);
        }
        return (double) worstSeq / bestSeq <= MAX_SPREAD && speedup >= MAX_SPREAD * REQUIRED_SPEEDUP;
    }

    /** How often the sampler reads the threads' CPU clocks and states while the parallel count runs. */
    static final Duration OVERLAP_WINDOW = Duration.ofMillis(5);
    /** At least this many active windows (over all tries) before overlap can prove anything. */
    static final int MIN_WINDOWS = 12;
    /** Threads ran at once when at least this share of the active windows overlapped. */
    static final double MIN_OVERLAP = 0.5;

    /**
     * The student's threads computed at the same time: in at least {@value #MIN_OVERLAP} of (at least
     * {@value #MIN_WINDOWS}) sampling windows in which any of them made progress, two or more made
     * progress and were still computing at the window's end (see {@link CpuSampler}); this holds on a
     * busy machine too. Or, where cores were free, they used more than {@value #MIN_PEAK_CORES}
     * cores' worth of CPU at once over some 20 ms ({@link CpuSampler}: one window alone is too short to tell). Threads that take turns show neither.
     */
    static boolean ranAtOnce(double peakCores, int active, int overlapping) {
        return peakCores >= MIN_PEAK_CORES || (active >= MIN_WINDOWS && overlapping >= MIN_OVERLAP * active);
    }

    /** Below this, even the grader's own parallel count gains too little to judge anyone's. */
    static final double MACHINE_FLOOR = 1.5;
    /** Above this (slowest / fastest of the same sequential count), timings are too noisy to judge. */
    static final double MAX_SPREAD = 1.25;
    /** A parallel count seen using more than this many cores' worth of CPU at once (over several windows) really ran at once. */
    static final double MIN_PEAK_CORES = 1.1;

    /**
     * The speedup asked of the student: {@value #REQUIRED_SPEEDUP}x, or less while other programs
     * leave fewer cores free ({@link Timing#MACHINE_SHARE} of what the grader's own parallel count got, never below 1.1x;
     * threads that take turns reach neither, and the peak-cores test catches a lucky clock).
     */
    static double required(double machine) {
        // 1.3x, or a share of what the grader's own parallel count got, never below 1.1x: correct
        // fork/join counts measured 1.17x against 1.66x and 1.21x against 1.81x (short timings are noisy).
        // One-at-a-time code is caught by the overlap evidence, not by this ratio.
        return Timing.speedupAsked(REQUIRED_SPEEDUP, 1.1, machine);
    }

    /**
     * What the machine allows right now: the student's own sequential count, run by the grader on
     * {@code p} chunks per thread of a fixed pool of {@code p} threads (non-daemon, shut down after).
     */
    static long chunkedOnOwnPool(Primes primes, int from, int to, int p) throws Exception {
        int chunks = p * 8;
        long width = (long) to - from;
        List<Callable<Long>> parts = new ArrayList<>();
        for (int i = 0; i < chunks; i++) {
            int lo = (int) (from + width * i / chunks);
            int hi = (int) (from + width * (i + 1) / chunks);
            parts.add(() -> primes.sequential(lo, hi));
        }
        return GraderPool.runAll("grader-probe", p, parts).stream().mapToLong(Long::longValue).sum();
    }

    // ---------------------------------------------------------------- interrupted while waiting

    /** How soon parallel must throw InterruptedException after its caller is interrupted. */
    static final Duration INTERRUPT_PATIENCE = Duration.ofMillis(500);
    /** How long the grader waits for the call to start waiting before it interrupts anyway. */
    static final Duration READY_WITHIN = Duration.ofSeconds(1);
    /** How long the grader lets threads of an interrupted count finish before the next check. */
    static final Duration SETTLE = Duration.ofSeconds(10);

    /**
     * Interrupted while it waits for its threads, parallel(2 threads) on a range that takes the
     * student's sequential count about 2 s stops waiting and throws InterruptedException within
     * {@link #INTERRUPT_PATIENCE}. The calling thread is interrupted once it is parked (waiting in
     * get() or join()), or after {@link #READY_WITHIN} if it never waits (it counts by itself).
     * Returning a count, throwing something else, or throwing only once the count is done all fail.
     * Afterwards the grader waits for the student's threads to end (not graded here), so that work
     * left running cannot slow the next check down.
     */
    public static void parallelIsInterruptible(Primes primes) throws Exception {
        Range small = calibrate(primes);
        // The work grows like to^1.5: x5 in range is about x11 in work, about 2 s of CPU.
        int to = (int) Math.min(MAX, small.to * 5L);
        String what = parCall(0, to, 2);
        LeakGuard guard = LeakGuard.snapshot();
        try {
            // Code that ignores the interrupt runs its whole count: on a busy machine that can take longer
            // than a short call limit, and it must then be reported as ignoring, not as hung (WORK_LIMIT).
            StudentCall.Interruption<Long> got = StudentCall.interruptWhileWaiting(what, WORK_LIMIT, null, READY_WITHIN,
                    INTERRUPT_PATIENCE, null, () -> primes.parallel(0, to, 2));
            Figures.record("interrupt.seconds", got.seconds());
            if (!got.interrupted()) {
                if (got.thrown() instanceof Exception e) {
                    throw e; // a stub's TODO, or its own failure
                }
                throw CheckFailure.of("parallel.interrupt.not-waiting", what, String.valueOf(got.value()));
            }
            if (got.unblocked()) {
                throw got.returned()
                        ? CheckFailure.of("parallel.interrupt.ignored", what, got.seconds(), INTERRUPT_PATIENCE.toMillis(), got.stopAdvice())
                        : CheckFailure.of("parallel.interrupt.late", what, got.seconds(), INTERRUPT_PATIENCE.toMillis(),
                                describe(got.thrown()), got.stopAdvice());
            }
            if (got.returned()) {
                throw CheckFailure.of("parallel.interrupt.returned", what, String.valueOf(got.value()), got.stopAdvice());
            }
            if (!(got.thrown() instanceof InterruptedException)) {
                if (got.thrown() instanceof UnsupportedOperationException todo
                        && String.valueOf(todo.getMessage()).startsWith("TODO")) {
                    throw todo;
                }
                throw CheckFailure.because(got.thrown(), "parallel.interrupt.wrong-type", what, describe(got.thrown()), got.stopAdvice());
            }
        } finally {
            guard.leaked(SETTLE); // waiting for leftover work to end, not judging it
        }
    }

    static String describe(Throwable t) {
        return t == null ? "null" : t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    // ---------------------------------------------------------------- pool shut down, arguments

    /** No pool thread outlives parallel(...). */
    public static void poolShutDown(Primes primes) throws Exception {
        LeakGuard guard = LeakGuard.snapshot();
        long got = StudentCall.call(parCall(0, 100_000, 3), LIMIT, () -> primes.parallel(0, 100_000, 3));
        List<Thread> leaked = guard.leaked(LEAK_GRACE);
        CheckFailure.require(leaked.isEmpty(), "parallel.leak", parCall(0, 100_000, 3), leaked.size(), LeakGuard.names(leaked));
        CheckFailure.require(got == 9_592, "parallel.wrong-count", parCall(0, 100_000, 3), 9_592, got);
    }

    /** from < 0, from > to, parallelism < 1: IllegalArgumentException, for both methods. */
    public static void rejectsBadArguments(Primes primes) throws Exception {
        StudentCall.expectThrows(IllegalArgumentException.class, seqCall(5, 3), () -> primes.sequential(5, 3));
        StudentCall.expectThrows(IllegalArgumentException.class, seqCall(-1, 10), () -> primes.sequential(-1, 10));
        StudentCall.expectThrows(IllegalArgumentException.class, parCall(5, 3, 2), () -> primes.parallel(5, 3, 2));
        StudentCall.expectThrows(IllegalArgumentException.class, parCall(-1, 10, 2), () -> primes.parallel(-1, 10, 2));
        StudentCall.expectThrows(IllegalArgumentException.class, parCall(0, 10, 0), () -> primes.parallel(0, 10, 0));
        StudentCall.expectThrows(IllegalArgumentException.class, parCall(0, 10, -2), () -> primes.parallel(0, 10, -2));
    }

    // ---------------------------------------------------------------- helpers

    /** A range [from, to), and the CPU time the student's sequential count took over it. */
    record Range(int from, int to, long cpuNanos) {
    }

    /**
     * A range [0, to) that the student's sequential count takes about {@link #TARGET} of CPU time to
     * count (at least half of it), found by growing it; it also warms up the JIT before anything is
     * timed.
     */
    static Range calibrate(Primes primes) throws Exception {
        int to = 100_000;
        long nanos = 0;
        for (int round = 0; round < 8; round++) {
            int bound = to;
            // CPU time, not wall time: other programs on the machine must not shrink the range.
            nanos = StudentCall.call(seqCall(0, bound), WORK_LIMIT, () -> {
                long start = CPU.getCurrentThreadCpuTime();
                primes.sequential(0, bound);
                return CPU.getCurrentThreadCpuTime() - start;
            });
            if (nanos >= TARGET.toNanos() / 2 || to >= 32_000_000) {
                break;
            }
            // The work grows like to^1.5 (trial division up to the square root): scale, at most x4 a round.
            double factor = Math.min(4.0, Math.pow((double) TARGET.toNanos() / Math.max(1, nanos), 2.0 / 3.0));
            to = (int) Math.min(32_000_000L, Math.max(to + 1L, (long) (to * factor)));
        }
        return new Range(0, to, nanos);
    }

    /** The grader's own count of primes in [from, to): a sieve for ranges it can hold, else trial division. */
    static long reference(int from, int to) {
        if (from >= to) {
            return 0;
        }
        if (to <= 40_000_000) {
            BitSet composite = new BitSet(to);
            long count = 0;
            for (int n = 2; n < to; n++) {
                if (!composite.get(n)) {
                    if (n >= from) {
                        count++;
                    }
                    for (long m = (long) n * n; m < to; m += n) {
                        composite.set((int) m);
                    }
                }
            }
            return count;
        }
        long count = 0;
        for (long n = from; n < to; n++) {
            if (isPrime(n)) {
                count++;
            }
        }
        return count;
    }

    static boolean isPrime(long n) {
        if (n < 2) {
            return false;
        }
        if (n % 2 == 0) {
            return n == 2;
        }
        for (long d = 3; d * d <= n; d += 2) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }

    static String seqCall(int from, int to) {
        return Messages.get("parallel.call.sequential", from, to);
    }

    static String parCall(int from, int to, int p) {
        return Messages.get("parallel.call.parallel", from, to, p);
    }

    // ---------------------------------------------------------------- graded checks (rubric ids)

    @Test
    public void sequentialKnownValues() throws Exception {
        sequentialKnownValues(STUDENT);
    }

    @Test
    public void parallelEqualsSequential() throws Exception {
        parallelEqualsSequential("parallelEqualsSequential", STUDENT);
    }

    @Test
    public void usesSeveralThreads() throws Exception {
        usesSeveralThreads(STUDENT);
    }

    @Test
    public void fasterOnSeveralCores() throws Exception {
        fasterOnSeveralCores(STUDENT);
    }

    @Test
    public void poolShutDown() throws Exception {
        poolShutDown(STUDENT);
    }

    @Test
    public void parallelIsInterruptible() throws Exception {
        parallelIsInterruptible(STUDENT);
    }

    @Test
    public void rejectsBadArguments() throws Exception {
        rejectsBadArguments(STUDENT);
    }
}
