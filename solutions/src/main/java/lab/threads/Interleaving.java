package lab.threads;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Reference solution for the two interleaved threads of the {@code threads} exercise: the seed's
 * numbers-and-letters example, made deterministic. In the seed the output interleaves by luck
 * ({@code time.sleep(1)}); here the two threads hand a turn back and forth, so the order is
 * always {@code first[0], second[0], first[1], second[1], ...}.
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
     * @param first the items sent first in each round, from one thread
     * @param second the items sent second in each round, from another thread
     * @param sink receives the items, called from the two sending threads, one call at a time
     * @throws NullPointerException if an argument or an item is null
     * @throws IllegalArgumentException if the lists differ in length
     * @throws InterruptedException if the caller is interrupted while waiting; both sending
     *         threads are interrupted too
     * @throws RuntimeException the sink's own exception, if it threw (both threads stop)
     */
    public static void alternate(List<String> first, List<String> second, Consumer<String> sink)
            throws InterruptedException {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        Objects.requireNonNull(sink, "sink");
        List<String> firstItems = List.copyOf(first);   // rejects null items, freezes the input
        List<String> secondItems = List.copyOf(second);
        if (firstItems.size() != secondItems.size()) {
            throw new IllegalArgumentException("lists differ in length: "
                    + firstItems.size() + " and " + secondItems.size());
        }
        if (firstItems.isEmpty()) {
            return; // nothing to send, no reason to start threads
        }

        Turns turns = new Turns();
        Thread one = sender("interleave-first", firstItems, 0, turns, sink);
        Thread two = sender("interleave-second", secondItems, 1, turns, sink);
        one.start();
        two.start();
        try {
            one.join();
            two.join();
        } catch (InterruptedException e) {
            turns.stop(e);
            one.interrupt();
            two.interrupt();
            throw e;
        }

        Throwable failure = turns.failure();
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        }
        if (failure instanceof Error) {
            throw (Error) failure;
        }
        if (failure != null) {
            // A sending thread was interrupted by someone other than our caller.
            throw new IllegalStateException("a sending thread was interrupted", failure);
        }
    }

    /**
     * The thread that sends {@code items}; its k-th item goes out at step {@code 2k + parity}.
     */
    private static Thread sender(String name, List<String> items, int parity, Turns turns,
                                 Consumer<String> sink) {
        Thread thread = new Thread(() -> {
            try {
                for (int k = 0; k < items.size(); k++) {
                    if (!turns.awaitStep(2 * k + parity)) {
                        return; // the other side failed: stop instead of waiting forever
                    }
                    // Call the sink outside the lock: nobody else can move while it is our turn,
                    // and running foreign code while holding a lock invites deadlocks.
                    sink.accept(items.get(k));
                    turns.advance();
                }
            } catch (Throwable failure) {
                // Wake the partner, or it would wait for a turn that never comes.
                turns.stop(failure);
            }
        }, name);
        thread.setDaemon(false);
        return thread;
    }

    /** Whose turn it is: one counter of steps, guarded by a lock and its condition. */
    private static final class Turns {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        private int step;             // guarded by lock
        private Throwable failure;    // guarded by lock; non-null means "everybody stop"

        /** Waits until it is {@code wanted}'s turn; false if the run was stopped instead. */
        boolean awaitStep(int wanted) throws InterruptedException {
            lock.lockInterruptibly();
            try {
                // A while loop, not an if: wake-ups can be spurious, and after a signal the
                // condition must be checked again under the lock.
                while (step != wanted && failure == null) {
                    changed.await();
                }
                return failure == null;
            } finally {
                lock.unlock();
            }
        }

        void advance() {
            lock.lock();
            try {
                step++;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        void stop(Throwable cause) {
            lock.lock();
            try {
                if (failure == null) {
                    failure = cause;
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        Throwable failure() {
            lock.lock();
            try {
                return failure;
            } finally {
                lock.unlock();
            }
        }
    }
}
