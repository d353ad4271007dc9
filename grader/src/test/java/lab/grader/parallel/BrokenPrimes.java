package lab.grader.parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.Future;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import lab.grader.parallel.ParallelChecks.Primes;

/**
 * Known-broken versions of {@code PrimeCount}, one per mistake students make, plus a correct one.
 * Each overrides only the part that holds its mistake.
 */
final class BrokenPrimes {
    private BrokenPrimes() {
    }

    /** Correct: trial division; parallel on a fixed pool of parallelism threads, 8 chunks each, shut down in finally. */
    static class Correct implements Primes {
        boolean isPrime(int n) {
            if (n < 2) {
                return false;
            }
            if (n % 2 == 0) {
                return n == 2;
            }
            for (int d = 3; d <= n / d; d += 2) {
                if (n % d == 0) {
                    return false;
                }
            }
            return true;
        }

        void checkRange(int from, int to) {
            if (from < 0 || from > to) {
                throw new IllegalArgumentException("bad range");
            }
        }

        void checkArguments(int from, int to, int parallelism) {
            checkRange(from, to);
            if (parallelism < 1) {
                throw new IllegalArgumentException("bad parallelism");
            }
        }

        @Override
        public long sequential(int from, int to) {
            checkRange(from, to);
            return count(from, to);
        }

        long count(int from, int to) {
            long c = 0;
            for (int p = from; p < to; p++) {
                if (isPrime(p)) {
                    c++;
                }
            }
            return c;
        }

        /** The chunks: [bounds[i], bounds[i + 1]). */
        long[] bounds(int from, int to, int chunks) {
            long width = (long) to - from;
            long[] b = new long[chunks + 1];
            for (int i = 0; i <= chunks; i++) {
                b[i] = from + width * i / chunks;
            }
            return b;
        }

        int chunks(int from, int to, int parallelism) {
            return (int) Math.max(1, Math.min((long) to - from, parallelism * 8L));
        }

        ExecutorService pool(int parallelism) {
            return Executors.newFixedThreadPool(parallelism);
        }

        void shutdown(ExecutorService pool) throws InterruptedException {
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }

        long chunk(long lo, long hi) {
            return count((int) lo, (int) hi);
        }

        @Override
        public long parallel(int from, int to, int parallelism) throws InterruptedException {
            checkArguments(from, to, parallelism);
            if (from == to) {
                return 0;
            }
            long[] b = bounds(from, to, chunks(from, to, parallelism));
            ExecutorService pool = pool(parallelism);
            boolean interrupted = false;
            try {
                List<Future<Long>> parts = new ArrayList<>();
                for (int i = 0; i + 1 < b.length; i++) {
                    long lo = b[i];
                    long hi = b[i + 1];
                    parts.add(pool.submit(() -> chunk(lo, hi)));
                }
                long total = 0;
                for (Future<Long> part : parts) {
                    try {
                        total += get(part);
                    } catch (InterruptedException e) {
                        interrupted = true;
                        return onInterrupt(e, pool, parts, total);
                    }
                }
                return total;
            } finally {
                if (!interrupted) {
                    shutdown(pool);
                }
            }
        }

        /** Interrupted while waiting for a chunk: stop the pool and rethrow at once (the canaries below do worse). */
        long onInterrupt(InterruptedException e, ExecutorService pool, List<Future<Long>> parts, long soFar)
                throws InterruptedException {
            pool.shutdownNow();
            throw e;
        }

        static long get(Future<Long> f) throws InterruptedException {
            try {
                return f.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    /** Also correct: fork/join on a ForkJoinPool of parallelism threads, split down to small ranges. */
    static class ForkJoin extends Correct {
        @Override
        public long parallel(int from, int to, int parallelism) throws InterruptedException {
            checkArguments(from, to, parallelism);
            long grain = Math.max(1_000, ((long) to - from) / (parallelism * 16L));
            ForkJoinPool pool = new ForkJoinPool(parallelism);
            try {
                return wait(pool, pool.submit(new Part(from, to, grain)));
            } catch (InterruptedException e) {
                pool.shutdownNow();
                throw e;
            } finally {
                if (!pool.isShutdown()) {
                    pool.shutdown();
                    pool.awaitTermination(1, TimeUnit.MINUTES);
                }
            }
        }

        /** submit(...).get() can be interrupted; invoke(...) cannot. */
        long wait(ForkJoinPool pool, ForkJoinTask<Long> task) throws InterruptedException {
            return get(task);
        }

        final class Part extends RecursiveTask<Long> {
            private static final long serialVersionUID = 1L;
            private final int from;
            private final int to;
            private final long grain;

            Part(int from, int to, long grain) {
                this.from = from;
                this.to = to;
                this.grain = grain;
            }

            @Override
            protected Long compute() {
                if ((long) to - from <= grain) {
                    return count(from, to);
                }
                int mid = from + (to - from) / 2;
                Part left = new Part(from, mid, grain);
                left.fork();
                long right = new Part(mid, to, grain).compute();
                return right + left.join();
            }
        }
    }

    // ------------------------------------------------------------ counting mistakes

    /** Counts to itself: p <= to. */
    static final class ToInclusive extends Correct {
        @Override
        long count(int from, int to) {
            long c = 0;
            for (int p = from; p <= to; p++) {
                if (isPrime(p)) {
                    c++;
                }
                if (p == Integer.MAX_VALUE) {
                    break; // (a student's loop would never end here)
                }
            }
            return c;
        }
    }

    /** No n < 2 test: 0 and 1 come out prime. */
    static final class OneIsPrime extends Correct {
        @Override
        boolean isPrime(int n) {
            for (int d = 2; d <= n / d; d++) {
                if (n % d == 0) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Rejects every even number, 2 included. */
    static final class TwoIsComposite extends Correct {
        @Override
        boolean isPrime(int n) {
            if (n < 2 || n % 2 == 0) {
                return false;
            }
            for (int d = 3; d <= n / d; d += 2) {
                if (n % d == 0) {
                    return false;
                }
            }
            return true;
        }
    }

    // ------------------------------------------------------------ splitting mistakes

    /** Chunks [lo, hi]: each boundary counted by two chunks. */
    static final class OverlappingChunks extends Correct {
        @Override
        long chunk(long lo, long hi) {
            return count((int) lo, (int) Math.min(Integer.MAX_VALUE, hi + 1));
        }

        @Override
        long[] bounds(int from, int to, int chunks) {
            long[] b = super.bounds(from, to, chunks);
            b[chunks] = Math.max(from, to - 1L); // the last chunk's [lo, hi] must still end before to
            return b;
        }
    }

    /** Chunks [lo + 1, hi): each chunk's first number skipped. */
    static final class SkipsChunkStarts extends Correct {
        @Override
        long chunk(long lo, long hi) {
            return count((int) Math.min(lo + 1, hi), (int) hi);
        }
    }

    /** chunk = width / parallelism, exactly parallelism chunks: the remainder is never counted. */
    static final class DropsRemainder extends Correct {
        @Override
        int chunks(int from, int to, int parallelism) {
            return parallelism;
        }

        @Override
        long[] bounds(int from, int to, int chunks) {
            long size = ((long) to - from) / chunks;
            long[] b = new long[chunks + 1];
            for (int i = 0; i <= chunks; i++) {
                b[i] = from + size * i;
            }
            return b;
        }
    }

    /**
     * Chunk ends in int arithmetic: size = ceil(width / chunks), end = min(to, from + (i + 1) * size).
     * Near Integer.MAX_VALUE the sum overflows to a negative number before min() sees it.
     */
    static final class IntChunkOverflow extends Correct {
        @Override
        long[] bounds(int from, int to, int chunks) {
            int size = (to - from + chunks - 1) / chunks;
            long[] b = new long[chunks + 1];
            b[0] = from;
            for (int i = 1; i <= chunks; i++) {
                int end = Math.min(to, from + i * size);
                b[i] = Math.max(b[i - 1], end); // a negative end makes an empty chunk
            }
            return b;
        }
    }

    // ------------------------------------------------------------ threading mistakes

    /** parallel just calls sequential, on the caller. */
    static final class JustSequential extends Correct {
        @Override
        public long parallel(int from, int to, int parallelism) {
            checkArguments(from, to, parallelism);
            return sequential(from, to);
        }
    }

    /** Splits into parallelism chunks but runs them on one thread. */
    static final class OnePoolThread extends Correct {
        @Override
        int chunks(int from, int to, int parallelism) {
            return (int) Math.max(1, Math.min((long) to - from, parallelism));
        }

        @Override
        ExecutorService pool(int parallelism) {
            return Executors.newSingleThreadExecutor();
        }
    }

    /** A pool of parallelism threads, but get() right after each submit: one chunk at a time. */
    static final class SubmitThenGet extends Correct {
        @Override
        public long parallel(int from, int to, int parallelism) throws InterruptedException {
            checkArguments(from, to, parallelism);
            if (from == to) {
                return 0;
            }
            long[] b = bounds(from, to, chunks(from, to, parallelism));
            ExecutorService pool = pool(parallelism);
            try {
                long total = 0;
                for (int i = 0; i + 1 < b.length; i++) {
                    long lo = b[i];
                    long hi = b[i + 1];
                    total += get(pool.submit(() -> chunk(lo, hi)));
                }
                return total;
            } finally {
                shutdown(pool);
            }
        }
    }

    /** Ignores parallelism: 64 threads whatever was asked. */
    static final class Spawns64 extends Correct {
        @Override
        ExecutorService pool(int parallelism) {
            return Executors.newFixedThreadPool(64);
        }

        @Override
        int chunks(int from, int to, int parallelism) {
            return super.chunks(from, to, 64);
        }
    }

    /** Ignores parallelism: a parallel stream on the common pool (cores - 1 workers plus the caller). */
    static final class ParallelStream extends Correct {
        @Override
        public long parallel(int from, int to, int parallelism) {
            checkArguments(from, to, parallelism);
            return IntStream.range(from, to).parallel().filter(this::isPrime).count();
        }
    }

    // ------------------------------------------------------------ interrupted while waiting

    /** Catches the interrupt and waits again for every chunk: as if nothing happened. */
    static final class IgnoresInterrupt extends Correct {
        @Override
        long onInterrupt(InterruptedException e, ExecutorService pool, List<Future<Long>> parts, long soFar) {
            long total = 0;
            for (Future<Long> part : parts) {
                while (true) {
                    try {
                        total += get(part);
                        break;
                    } catch (InterruptedException again) {
                        // keep waiting
                    }
                }
            }
            pool.shutdown();
            return total;
        }
    }

    /** Swallows the interrupt and returns the count so far. */
    static final class SwallowsInterrupt extends Correct {
        @Override
        long onInterrupt(InterruptedException e, ExecutorService pool, List<Future<Long>> parts, long soFar) {
            pool.shutdownNow();
            return soFar;
        }
    }

    /** Wraps the interrupt in a RuntimeException. */
    static final class WrapsInterrupt extends Correct {
        @Override
        long onInterrupt(InterruptedException e, ExecutorService pool, List<Future<Long>> parts, long soFar) {
            pool.shutdownNow();
            throw new RuntimeException(e);
        }
    }

    /** Lets the running chunks finish (shutdown, awaitTermination), and only then throws. */
    static final class ThrowsInterruptLate extends Correct {
        @Override
        long onInterrupt(InterruptedException e, ExecutorService pool, List<Future<Long>> parts, long soFar)
                throws InterruptedException {
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
            throw e;
        }
    }

    /** Fork/join with invoke(), which waits without ever noticing an interrupt. */
    static final class ForkJoinInvoke extends ForkJoin {
        @Override
        long wait(ForkJoinPool pool, ForkJoinTask<Long> task) {
            return task.join();
        }
    }

    /** Never shuts the pool down. */
    static final class LeaksPool extends Correct {
        @Override
        void shutdown(ExecutorService pool) {
            // forgotten
        }
    }

    /**
     * A ForkJoinPool per parallelism, kept in a static map and never shut down ("pools are expensive,
     * reuse them"): right counts on several threads, and its idle workers stay alive for a minute
     * after every call. The pool's threads were started by whichever check called it first.
     */
    static final class StaticForkJoinPool extends ForkJoin {
        private static final java.util.Map<Integer, ForkJoinPool> POOLS = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public long parallel(int from, int to, int parallelism) throws InterruptedException {
            checkArguments(from, to, parallelism);
            long grain = Math.max(1_000, ((long) to - from) / (parallelism * 16L));
            ForkJoinPool pool = POOLS.computeIfAbsent(parallelism, ForkJoinPool::new);
            return wait(pool, pool.submit(new Part(from, to, grain)));
        }
    }

    /** Never checks its arguments. */
    static final class NoArgumentChecks extends Correct {
        @Override
        void checkRange(int from, int to) {
        }

        @Override
        void checkArguments(int from, int to, int parallelism) {
        }

        @Override
        public long parallel(int from, int to, int parallelism) throws InterruptedException {
            return from >= to ? 0 : super.parallel(from, to, Math.max(1, parallelism));
        }
    }
}
