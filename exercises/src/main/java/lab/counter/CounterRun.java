package lab.counter;

/**
 * The seed program in Java: start several threads that all increment one shared counter, wait
 * for every one of them, then read the total.
 *
 * <p>See the lesson: <a href="02-counter.md">02-counter.md</a>. Grade just this exercise with
 * {@code mvn verify -Dexercise=counter}.
 */
public final class CounterRun {

    private CounterRun() {
    }

    /**
     * Starts {@code threads} new threads, each calling {@code counter.increment()}
     * {@code incrementsPerThread} times; all threads run at the same time. Waits for every thread
     * to finish (join), and only then returns {@code counter.get()}.
     *
     * @throws NullPointerException if {@code counter} is null
     * @throws IllegalArgumentException if {@code threads < 1} or {@code incrementsPerThread < 0}
     * @throws InterruptedException if the calling thread is interrupted while it waits
     */
    public static long incrementConcurrently(Counter counter, int threads, int incrementsPerThread)
            throws InterruptedException {
        throw new UnsupportedOperationException(
                "TODO: check the arguments, create and start all the threads first, then join each one, then return counter.get()");
    }
}
