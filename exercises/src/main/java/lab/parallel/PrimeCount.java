package lab.parallel;

/**
 * Exercise {@code parallel}: CPU-bound work on several cores.
 *
 * <p>The seeds use a process pool for CPU-bound work, because Python's GIL lets only one thread
 * run Python code at a time. Java has no GIL: threads of one JVM run on all cores at once, so a
 * thread pool (or a {@link java.util.concurrent.ForkJoinPool}) is the tool. The work here is
 * counting primes by trial division: pure computation, no waiting.
 *
 * <p>What you build:
 * <ul>
 *   <li>{@link #sequential(int, int)}: count the primes p with {@code from <= p < to} on the
 *       calling thread.</li>
 *   <li>{@link #parallel(int, int, int)}: the same count, split over {@code parallelism}
 *       threads.</li>
 * </ul>
 *
 * <p>Rules the grader checks:
 * <ul>
 *   <li>Both count the primes p with {@code from <= p < to} ({@code to} excluded); 0 and 1 are
 *       not primes, 2 is. {@code parallel} always gives the same answer as {@code sequential}
 *       (for example 17984 primes below 200,000).</li>
 *   <li>{@code from < 0} or {@code from > to}: {@link IllegalArgumentException}; so is
 *       {@code parallelism < 1}. {@code from == to} is an empty range: 0.</li>
 *   <li>{@code parallel} really uses several cores and beats {@code sequential} on a machine that
 *       has them (reported as not applicable on one core).</li>
 *   <li>The pool is shut down before {@code parallel} returns.</li>
 *   <li>Interrupted while waiting: stop the pool and throw {@link InterruptedException}.</li>
 *   <li>Watch for overflow near {@link Integer#MAX_VALUE}: {@code d * d <= n} can overflow an
 *       int; {@code d <= n / d} cannot.</li>
 * </ul>
 *
 * <p>See the lesson: <a href="05-parallel.md">05-parallel.md</a>
 */
public final class PrimeCount {

    private PrimeCount() {
        // static helpers only
    }

    /**
     * Counts the primes p with {@code from <= p < to}, on the calling thread.
     *
     * @param from the lower bound, inclusive, at least 0
     * @param to the upper bound, exclusive, at least {@code from}
     * @return the number of primes in the range
     * @throws IllegalArgumentException if {@code from < 0} or {@code from > to}
     */
    public static long sequential(int from, int to) {
        throw new UnsupportedOperationException(
                "TODO: validate the range; loop p from `from` up to (not including) `to` and count "
                        + "the p for which isPrime(p): n < 2 is not prime, 2 is, even numbers above "
                        + "2 are not, otherwise try odd divisors d = 3, 5, 7, ... while d <= n / d.");
    }

    /**
     * Counts the primes p with {@code from <= p < to} using {@code parallelism} threads, with the
     * same answer as {@link #sequential(int, int)}.
     *
     * @param from the lower bound, inclusive, at least 0
     * @param to the upper bound, exclusive, at least {@code from}
     * @param parallelism the number of threads, at least 1
     * @return the number of primes in the range
     * @throws IllegalArgumentException if {@code from < 0}, {@code from > to} or
     *         {@code parallelism < 1}
     * @throws InterruptedException if the caller is interrupted while waiting
     */
    public static long parallel(int from, int to, int parallelism) throws InterruptedException {
        throw new UnsupportedOperationException(
                "TODO: split [from, to) into chunks (more chunks than threads, e.g. parallelism * 8: "
                        + "big numbers cost more to test, so equal halves are unequal work), submit "
                        + "sequential(lo, hi) for each chunk to a fixed pool of `parallelism` "
                        + "threads, add up the Futures' results, then shut the pool down. Compute "
                        + "chunk bounds in long arithmetic to avoid overflow.");
    }
}
