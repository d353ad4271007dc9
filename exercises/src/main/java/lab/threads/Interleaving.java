package lab.threads;

import java.util.List;
import java.util.function.Consumer;

/**
 * Exercise {@code threads}, part 2: two threads that take turns.
 *
 * <p>In the seed, one thread prints numbers and another prints letters; they interleave only
 * because both sleep one second between prints, so the order is luck ("Number: 2Letter: b").
 * Here the order must be exact, every time: {@code first[0], second[0], first[1], second[1], ...}
 * The two threads must hand the turn to each other.
 *
 * <p>What you build: {@link #alternate(List, List, Consumer)} starts two threads. One sends the
 * items of {@code first} to {@code sink}, the other sends the items of {@code second}, and they
 * take strict turns. Then it waits for both to finish.
 *
 * <p>Rules the grader checks:
 * <ul>
 *   <li>The order is exactly {@code first[0], second[0], first[1], second[1], ...}.</li>
 *   <li>Every item of {@code first} is sent from one thread and every item of {@code second}
 *       from another; neither is the caller's thread. The sink is called from those two threads,
 *       one call at a time.</li>
 *   <li>Lists of different lengths: {@link IllegalArgumentException}. A null list, sink or item:
 *       {@link NullPointerException}. Both checked before any thread starts.</li>
 *   <li>Empty lists: nothing is sent; return at once.</li>
 *   <li>{@code alternate} returns only when both threads have finished.</li>
 *   <li>Interrupted while waiting: stop waiting at once and throw {@link InterruptedException}.</li>
 *   <li>If the sink throws, the other thread must not wait forever for its turn: stop both, and
 *       rethrow the sink's exception from {@code alternate}.</li>
 * </ul>
 *
 * <p>Tools that fit: a {@link java.util.concurrent.locks.ReentrantLock} with one
 * {@link java.util.concurrent.locks.Condition} and a shared "whose turn" counter, or two
 * {@link java.util.concurrent.Semaphore}s (one per thread) that each thread releases for the
 * other. {@code Thread.sleep} is not a way to take turns.
 *
 * <p>See the lesson: <a href="01-threads.md">01-threads.md</a>
 */
public final class Interleaving {

    private Interleaving() {
        // static helpers only
    }

    /**
     * Sends {@code first[0], second[0], first[1], second[1], ...} to {@code sink}, each list from
     * its own thread, and returns when both threads have finished.
     *
     * @param first the items sent first in each round, all from one thread
     * @param second the items sent second in each round, all from another thread
     * @param sink receives the items
     * @throws NullPointerException if a list, the sink or an item is null
     * @throws IllegalArgumentException if the lists differ in length
     * @throws InterruptedException if the caller is interrupted while waiting
     */
    public static void alternate(List<String> first, List<String> second, Consumer<String> sink)
            throws InterruptedException {
        throw new UnsupportedOperationException(
                "TODO: keep a shared step counter guarded by a lock; the thread for `first` may "
                        + "send item k when step == 2k, the other when step == 2k+1. Wait with "
                        + "condition.await() inside a while loop (not an if), and after sending "
                        + "do step++ and signalAll(). Start both threads, then join both.");
    }
}
