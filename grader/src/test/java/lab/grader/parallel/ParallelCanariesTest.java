package lab.grader.parallel;

import static lab.grader.selftest.Canary.accepted;
import static lab.grader.selftest.Canary.rejected;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every parallel check, proven able to fail: each known-broken PrimeCount (BrokenPrimes) is
 * rejected by the check meant for its bug class, with the message key of that class; a correct one
 * passes them all.
 */
class ParallelCanariesTest {

    // ------------------------------------------------------------ counting

    @Test
    void countingToItselfIsRejected() {
        rejected(() -> ParallelChecks.sequentialKnownValues(new BrokenPrimes.ToInclusive()), "parallel.known");
    }

    @Test
    void oneAsPrimeIsRejected() {
        var f = rejected(() -> ParallelChecks.sequentialKnownValues(new BrokenPrimes.OneIsPrime()), "parallel.known");
        Assertions.assertTrue(f.getMessage().contains("0 and 1 are not primes"), f.getMessage());
    }

    @Test
    void twoAsCompositeIsRejected() {
        var f = rejected(() -> ParallelChecks.sequentialKnownValues(new BrokenPrimes.TwoIsComposite()), "parallel.known");
        Assertions.assertTrue(f.getMessage().contains("2 is a prime"), f.getMessage());
    }

    // ------------------------------------------------------------ splitting

    /** Splitting mistakes: the whole check rejects them, and so does its property part on its own. */
    static void rejectedAsASplittingMistake(ParallelChecks.Primes broken) {
        rejected(() -> ParallelChecks.parallelEqualsSequential("canary", broken), "parallel.known", "parallel.differs");
        rejected(() -> ParallelChecks.matchesSequential("canary", broken), "parallel.differs");
    }

    @Test
    void chunkBoundariesCountedTwiceAreRejected() {
        rejectedAsASplittingMistake(new BrokenPrimes.OverlappingChunks());
    }

    @Test
    void chunkBoundariesMissedAreRejected() {
        rejectedAsASplittingMistake(new BrokenPrimes.SkipsChunkStarts());
        rejectedAsASplittingMistake(new BrokenPrimes.DropsRemainder());
    }

    @Test
    void chunkBoundsThatOverflowAreRejected() {
        rejectedAsASplittingMistake(new BrokenPrimes.IntChunkOverflow());
    }

    // ------------------------------------------------------------ threads

    @Test
    void parallelThatJustCallsSequentialIsRejected() {
        rejected(() -> ParallelChecks.usesSeveralThreads(new BrokenPrimes.JustSequential()), "parallel.threads.on-caller");
    }

    @Test
    void chunksRunOnOneThreadAreRejected() {
        rejected(() -> ParallelChecks.usesSeveralThreads(new BrokenPrimes.OnePoolThread()), "parallel.threads.too-few");
    }

    @Test
    void ignoringParallelismIsRejected() {
        rejected(() -> ParallelChecks.usesSeveralThreads(new BrokenPrimes.Spawns64()), "parallel.threads.too-many");
    }

    @Test
    void theCommonPoolIgnoresParallelism() {
        Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() >= 2,
                "one core: the common pool has one thread and cannot be told apart");
        // A parallel stream on 2 cores: the common pool has one worker, and the caller joins in. Which
        // of them did the counting depends on scheduling: on a VM losing CPU to its hypervisor the
        // caller once did it all ("on-caller"). Every one of these fails the same check.
        rejected(() -> ParallelChecks.usesSeveralThreads(new BrokenPrimes.ParallelStream()),
                "parallel.threads.ignores-parallelism", "parallel.threads.too-few", "parallel.threads.on-caller");
    }

    // ------------------------------------------------------------ work left over from an earlier call

    /**
     * A thread still computing when the check starts (a pool told to stop that finishes its running
     * chunk, a hung call given up on) is not the call's: it must not count as a second worker, nor as
     * a thread computing beside the student's. Seen once in CI, where the one-thread canary got through.
     */
    @Test
    void workLeftOverFromAnEarlierCallIsNotCounted() throws Exception {
        try (LeftOverWork busy = LeftOverWork.start()) {
            var f = rejected(() -> ParallelChecks.usesSeveralThreads(new BrokenPrimes.OnePoolThread()), "parallel.threads.too-few");
            Assertions.assertTrue(f.getMessage().contains(LeftOverWork.NAME), f.getMessage());
            Assertions.assertTrue(busy.isAlive(), "the left-over work must run through the whole check");
        }
    }

    @Test
    void workLeftOverFromAnEarlierCallIsNotOverlap() throws Exception {
        try (LeftOverWork busy = LeftOverWork.start()) {
            assertNoSpeed(new BrokenPrimes.SubmitThenGet());
            Assertions.assertTrue(busy.isAlive(), "the left-over work must run through the whole check");
        }
    }

    /** A thread that computes until closed, started (and seen computing) before the check. */
    static final class LeftOverWork implements AutoCloseable {
        static final String NAME = "left-over-chunk";
        private final java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        private final Thread thread;
        private volatile long found; // read by nobody: keeps the counting from being optimised away

        private LeftOverWork() throws InterruptedException {
            var computing = new java.util.concurrent.CountDownLatch(1);
            thread = new Thread(() -> {
                var primes = new BrokenPrimes.Correct();
                while (!stop.get()) {
                    found += primes.count(0, 20_000);
                    computing.countDown();
                }
            }, NAME);
            thread.setDaemon(true);
            thread.start();
            computing.await();
        }

        static LeftOverWork start() throws InterruptedException {
            return new LeftOverWork();
        }

        boolean isAlive() {
            return thread.isAlive();
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            thread.join();
        }
    }

    // ------------------------------------------------------------ speed

    @Test
    void chunksRunOneAtATimeAreNotFaster() {
        assertNoSpeed(new BrokenPrimes.SubmitThenGet());
    }

    @Test
    void chunksOnASingleThreadPoolAreNotFaster() {
        assertNoSpeed(new BrokenPrimes.OnePoolThread());
    }

    @Test
    void parallelThatJustCallsSequentialIsNotFaster() {
        assertNoSpeed(new BrokenPrimes.JustSequential());
    }

    /**
     * A count that runs one chunk at a time must not earn speed, on an idle machine or a busy one
     * (the overlap of its threads is judged either way), so this asserts rejection whatever the load.
     * Only on one core is speed not applicable at all.
     */
    static void assertNoSpeed(ParallelChecks.Primes slow) {
        Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "one core: speed not applicable");
        var f = rejected(() -> ParallelChecks.fasterOnSeveralCores(slow), "parallel.speed.one-at-a-time");
        System.out.println("rejected as expected: " + f.getMessage());
    }

    // ------------------------------------------------------------ interrupted while waiting

    @Test
    void anIgnoredInterruptIsRejected() {
        rejected(() -> ParallelChecks.parallelIsInterruptible(new BrokenPrimes.IgnoresInterrupt()), "parallel.interrupt.ignored");
        // join() ignores the interrupt and keeps its flag set; the awaitTermination after it then throws,
        // seconds late, unless the pool has already terminated by then and it returns the count: which
        // of the two depends on the JVM's timing (seen once in five canary rounds), the verdict does not.
        rejected(() -> ParallelChecks.parallelIsInterruptible(new BrokenPrimes.ForkJoinInvoke()), "parallel.interrupt.late",
                "parallel.interrupt.ignored");
        rejected(() -> ParallelChecks.parallelIsInterruptible(new BrokenPrimes.JustSequential()), "parallel.interrupt.ignored");
    }

    @Test
    void aSwallowedInterruptIsRejected() {
        rejected(() -> ParallelChecks.parallelIsInterruptible(new BrokenPrimes.SwallowsInterrupt()), "parallel.interrupt.returned");
    }

    @Test
    void aWrappedInterruptIsRejected() {
        rejected(() -> ParallelChecks.parallelIsInterruptible(new BrokenPrimes.WrapsInterrupt()), "parallel.interrupt.wrong-type");
    }

    @Test
    void anInterruptThrownLateIsRejected() {
        rejected(() -> ParallelChecks.parallelIsInterruptible(new BrokenPrimes.ThrowsInterruptLate()), "parallel.interrupt.late");
    }

    // ------------------------------------------------------------ shutdown, arguments

    @Test
    void aLeakedPoolIsRejected() {
        rejected(() -> ParallelChecks.poolShutDown(new BrokenPrimes.LeaksPool()), "parallel.leak");
    }

    /** Issue 17: a static ForkJoinPool, never shut down, whose threads an earlier check started. */
    @Test
    void aStaticForkJoinPoolIsRejected() {
        accepted(() -> ParallelChecks.parallelEqualsSequential("canary", new BrokenPrimes.StaticForkJoinPool()));
        accepted(() -> ParallelChecks.usesSeveralThreads(new BrokenPrimes.StaticForkJoinPool()));
        var f = rejected(() -> ParallelChecks.poolShutDown(new BrokenPrimes.StaticForkJoinPool()), "parallel.leak");
        Assertions.assertTrue(f.getMessage().contains("ForkJoinPool"), f.getMessage());
    }

    @Test
    void missingArgumentChecksAreRejected() {
        rejected(() -> ParallelChecks.rejectsBadArguments(new BrokenPrimes.NoArgumentChecks()), "check.no-exception",
                "check.wrong-exception");
    }

    // ------------------------------------------------------------ a correct count passes

    @Test
    void theChecksAcceptACorrectCount() {
        acceptedByEveryCheck(new BrokenPrimes.Correct());
    }

    @Test
    void theChecksAcceptForkJoin() {
        acceptedByEveryCheck(new BrokenPrimes.ForkJoin());
    }

    static void acceptedByEveryCheck(ParallelChecks.Primes correct) {
        accepted(() -> ParallelChecks.sequentialKnownValues(correct));
        accepted(() -> ParallelChecks.parallelEqualsSequential("canary", correct));
        accepted(() -> ParallelChecks.usesSeveralThreads(correct));
        accepted(() -> ParallelChecks.fasterOnSeveralCores(correct));
        accepted(() -> ParallelChecks.poolShutDown(correct));
        accepted(() -> ParallelChecks.parallelIsInterruptible(correct));
        accepted(() -> ParallelChecks.rejectsBadArguments(correct));
    }
}
