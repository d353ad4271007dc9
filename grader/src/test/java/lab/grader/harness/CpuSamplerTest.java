package lab.grader.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * What {@link CpuSampler} reads when one thread computes and another only stirs now and then: the
 * case that once let a parallel count that never left its caller pass for parallel (CI, main at
 * 14092fc: "used at most 1.10 cores at once" over a single 5 ms window).
 */
class CpuSamplerTest {

    /** Spins for about {@code nanos} of wall time: CPU work, not waiting. */
    static long spin(long nanos) {
        long end = System.nanoTime() + nanos;
        long x = 0;
        while (System.nanoTime() < end) {
            x += x * 31 + 7;
        }
        return x;
    }

    @Test
    void oneComputingThreadAndShortBurstsBesideItAreNotTwoCores() throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        // Another thread that computes 1.5 ms every 30 ms: a JVM's own bookkeeping, a timer, a logger.
        Thread stirring = new Thread(() -> {
            while (!done.get()) {
                spin(TimeUnit.MICROSECONDS.toNanos(1_500));
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(30)); // pacing a workload, not synchronising
            }
        }, "stirring");
        CpuSampler sampler = CpuSampler.start(Duration.ofMillis(5));
        CpuSampler.Report report;
        try {
            stirring.start();
            Thread caller = new Thread(() -> {
                sampler.caller(Thread.currentThread());
                spin(TimeUnit.MILLISECONDS.toNanos(600));
            }, "caller");
            caller.start();
            caller.join();
        } finally {
            report = sampler.stop();
            done.set(true);
            stirring.join();
        }
        System.out.printf("one thread + bursts: peak %.2f cores, %d of %d windows overlapping%n", report.peakCores(),
                report.overlapWindows(), report.activeWindows());
        assertTrue(report.peakCores() < 1.1, "a single computing thread read as " + report.peakCores() + " cores at once");
        assertTrue(report.overlapWindows() < report.activeWindows() / 2,
                report.overlapWindows() + " of " + report.activeWindows() + " windows overlapping");
    }

    @Test
    void threadsTakingTurnsNeverReadAsMoreThanOneCore() throws Exception {
        CpuSampler sampler = CpuSampler.start(Duration.ofMillis(5));
        CpuSampler.Report report;
        try {
            // The thread that starts the sampler is the grader's and is not counted: the work runs on a caller of its own.
            Thread caller = new Thread(() -> {
                sampler.caller(Thread.currentThread());
                try {
                    for (int i = 0; i < 6; i++) {
                        Thread t = new Thread(() -> spin(TimeUnit.MILLISECONDS.toNanos(60)), "turn-" + i);
                        t.start();
                        t.join();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "caller");
            caller.start();
            caller.join();
        } finally {
            report = sampler.stop();
        }
        System.out.printf("threads taking turns: peak %.2f cores, %d of %d windows overlapping%n", report.peakCores(),
                report.overlapWindows(), report.activeWindows());
        assertTrue(report.peakCores() <= 1.02, "threads that take turns read as " + report.peakCores() + " cores");
        assertEquals(6, report.threads().stream().filter(t -> t.name().startsWith("turn-")).count(), report.threads().toString());
        assertEquals(1, report.mostAlive());
    }
}
