package lab.grader.threads;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * Versions of Interleaving.alternate with the mistakes students make, and a correct one (two
 * semaphores). Canaries only: never graded.
 */
final class BrokenInterleavings {
    private BrokenInterleavings() {
    }

    private static void check(List<String> first, List<String> second, Consumer<String> sink) {
        Objects.requireNonNull(sink);
        List.copyOf(first);
        List.copyOf(second);
        if (first.size() != second.size()) {
            throw new IllegalArgumentException("different lengths");
        }
    }

    private static void joinBoth(Thread a, Thread b) throws InterruptedException {
        try {
            a.join();
            b.join();
        } catch (InterruptedException e) {
            a.interrupt();
            b.interrupt();
            throw e;
        }
    }

    /**
     * Ordered by a sleep head start instead of a turn variable, with wait() outside a condition
     * loop. It passes on an idle machine; interrupted during the head start, it throws at once and
     * leaves the first sender waiting forever for a partner that was never started.
     */
    static void sleepHeadStart(List<String> first, List<String> second, Consumer<String> sink) throws InterruptedException {
        check(first, second, sink);
        Object lock = new Object();
        Thread a = new Thread(() -> pingPong(lock, first, sink), "sender-first");
        Thread b = new Thread(() -> pingPong(lock, second, sink), "sender-second");
        a.start();
        Thread.sleep(200); // the head start that "makes" first go first
        b.start();
        joinBoth(a, b);
    }

    private static void pingPong(Object lock, List<String> items, Consumer<String> sink) {
        synchronized (lock) {
            for (int i = 0; i < items.size(); i++) {
                sink.accept(items.get(i));
                lock.notify();
                if (i < items.size() - 1) {
                    try {
                        lock.wait(); // no condition, no loop: woken means "my turn"
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    /**
     * Turns by a step counter, wait() and notifyAll(), with the wait in a helper under an if, not a
     * while loop: with two threads every wakeup happens to mean "your turn", so every run passes,
     * until a spurious wakeup sends an item out of turn. No run shows it; the bytecode does.
     */
    static void waitsWithoutLoop(List<String> first, List<String> second, Consumer<String> sink) throws InterruptedException {
        check(first, second, sink);
        Object lock = new Object();
        int[] step = {0};
        Thread a = new Thread(() -> sendInTurns(lock, step, 0, first, sink), "sender-first");
        Thread b = new Thread(() -> sendInTurns(lock, step, 1, second, sink), "sender-second");
        a.start();
        b.start();
        joinBoth(a, b);
    }

    private static void sendInTurns(Object lock, int[] step, int parity, List<String> items, Consumer<String> sink) {
        for (int k = 0; k < items.size(); k++) {
            synchronized (lock) {
                try {
                    awaitTurn(lock, step, 2 * k + parity);
                } catch (InterruptedException e) {
                    return;
                }
                sink.accept(items.get(k));
                step[0]++;
                lock.notifyAll();
            }
        }
    }

    private static void awaitTurn(Object lock, int[] step, int wanted) throws InterruptedException {
        if (step[0] != wanted) {
            lock.wait(); // SpotBugs: WA_NOT_IN_LOOP
        }
    }

    /** Correct: two semaphores hand the turn back and forth. */
    static void alternate(List<String> first, List<String> second, Consumer<String> sink) throws InterruptedException {
        check(first, second, sink);
        Semaphore firstTurn = new Semaphore(1);
        Semaphore secondTurn = new Semaphore(0);
        Thread a = sender(first, firstTurn, secondTurn, sink);
        Thread b = sender(second, secondTurn, firstTurn, sink);
        a.start();
        b.start();
        joinBoth(a, b);
    }

    private static Thread sender(List<String> items, Semaphore mine, Semaphore theirs, Consumer<String> sink) {
        return new Thread(() -> {
            try {
                for (String item : items) {
                    mine.acquire();
                    sink.accept(item);
                    theirs.release();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** One thread sends everything, interleaved: the order is right, the threads are not. */
    static void oneThread(List<String> first, List<String> second, Consumer<String> sink) throws InterruptedException {
        check(first, second, sink);
        Thread t = new Thread(() -> {
            for (int i = 0; i < first.size(); i++) {
                sink.accept(first.get(i));
                sink.accept(second.get(i));
            }
        });
        t.start();
        t.join();
    }

    /** The caller sends the first list itself, a new thread the second. */
    static void callerSendsFirst(List<String> first, List<String> second, Consumer<String> sink) throws InterruptedException {
        check(first, second, sink);
        Semaphore firstTurn = new Semaphore(1);
        Semaphore secondTurn = new Semaphore(0);
        Thread b = sender(second, secondTurn, firstTurn, sink);
        b.start();
        for (String item : first) {
            firstTurn.acquire();
            sink.accept(item);
            secondTurn.release();
        }
        b.join();
    }

    /** Two threads, but no turns: the first list, join, then the second list. */
    static void allFirstThenSecond(List<String> first, List<String> second, Consumer<String> sink) throws InterruptedException {
        check(first, second, sink);
        Thread a = new Thread(() -> first.forEach(sink));
        Thread b = new Thread(() -> second.forEach(sink));
        a.start();
        a.join();
        b.start();
        b.join();
    }

    /** Off by one: the second thread stops one item early. */
    static void dropsLast(List<String> first, List<String> second, Consumer<String> sink) throws InterruptedException {
        check(first, second, sink);
        Semaphore firstTurn = new Semaphore(1);
        Semaphore secondTurn = new Semaphore(0);
        Thread a = sender(first, firstTurn, secondTurn, sink);
        Thread b = sender(second.isEmpty() ? second : second.subList(0, second.size() - 1), secondTurn, firstTurn, sink);
        a.start();
        b.start();
        joinBoth(a, b);
    }

    /** Turns taken by spinning on a volatile flag: right order, a CPU core burnt while waiting. */
    static void busyWaits(List<String> first, List<String> second, Consumer<String> sink) throws InterruptedException {
        check(first, second, sink);
        class Spin {
            volatile int step;
        }
        Spin spin = new Spin();
        Thread a = new Thread(() -> {
            for (int k = 0; k < first.size(); k++) {
                while (spin.step != 2 * k) {
                    Thread.onSpinWait();
                }
                sink.accept(first.get(k));
                spin.step++;
            }
        });
        Thread b = new Thread(() -> {
            for (int k = 0; k < second.size(); k++) {
                while (spin.step != 2 * k + 1) {
                    Thread.onSpinWait();
                }
                sink.accept(second.get(k));
                spin.step++;
            }
        });
        a.start();
        b.start();
        joinBoth(a, b);
    }

    /** The seed's way: sleeps, with the second thread a little behind. Right on a quiet machine only. */
    static void sleeps(List<String> first, List<String> second, Consumer<String> sink) throws InterruptedException {
        check(first, second, sink);
        Thread a = new Thread(() -> {
            for (String item : first) {
                sink.accept(item);
                pause(40);
            }
        });
        Thread b = new Thread(() -> {
            pause(20);
            for (String item : second) {
                sink.accept(item);
                pause(40);
            }
        });
        a.start();
        b.start();
        joinBoth(a, b);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Hands the turn over before sending, so the other thread sends while this one still is. */
    static void releasesBeforeSending(List<String> first, List<String> second, Consumer<String> sink) throws InterruptedException {
        check(first, second, sink);
        Semaphore firstTurn = new Semaphore(1);
        Semaphore secondTurn = new Semaphore(0);
        Thread a = early(first, firstTurn, secondTurn, sink);
        Thread b = early(second, secondTurn, firstTurn, sink);
        a.start();
        b.start();
        joinBoth(a, b);
    }

    private static Thread early(List<String> items, Semaphore mine, Semaphore theirs, Consumer<String> sink) {
        return new Thread(() -> {
            try {
                for (String item : items) {
                    mine.acquire();
                    theirs.release();
                    sink.accept(item);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** A new thread for every item (started and joined in turn): right order, no thread owns a list. */
    static void threadPerItem(List<String> first, List<String> second, Consumer<String> sink) throws InterruptedException {
        check(first, second, sink);
        for (int i = 0; i < first.size(); i++) {
            String x = first.get(i);
            String y = second.get(i);
            Thread a = new Thread(() -> sink.accept(x));
            a.start();
            a.join();
            Thread b = new Thread(() -> sink.accept(y));
            b.start();
            b.join();
        }
    }

    /** Starts both threads and returns: the caller does not wait for them. */
    static void noJoin(List<String> first, List<String> second, Consumer<String> sink) {
        check(first, second, sink);
        Semaphore firstTurn = new Semaphore(1);
        Semaphore secondTurn = new Semaphore(0);
        sender(first, firstTurn, secondTurn, sink).start();
        sender(second, secondTurn, firstTurn, sink).start();
    }

    /** Nobody gets the first turn (both semaphores start empty): both threads wait forever. */
    static void nobodyGoesFirst(List<String> first, List<String> second, Consumer<String> sink) throws InterruptedException {
        check(first, second, sink);
        Semaphore firstTurn = new Semaphore(0);
        Semaphore secondTurn = new Semaphore(0);
        Thread a = sender(first, firstTurn, secondTurn, sink);
        Thread b = sender(second, secondTurn, firstTurn, sink);
        a.setName("canary-first-sender");
        b.setName("canary-second-sender");
        a.start();
        b.start();
        joinBoth(a, b);
    }

    /** No length check: alternates as far as the shorter list goes. */
    static void acceptsUnequal(List<String> first, List<String> second, Consumer<String> sink) throws InterruptedException {
        Objects.requireNonNull(sink);
        int n = Math.min(first.size(), second.size());
        List<String> a = new ArrayList<>(first.subList(0, n));
        List<String> b = new ArrayList<>(second.subList(0, n));
        alternate(List.copyOf(a), List.copyOf(b), sink);
    }

    /** Keeps joining when interrupted. */
    static void ignoresInterrupts(List<String> first, List<String> second, Consumer<String> sink) {
        check(first, second, sink);
        Semaphore firstTurn = new Semaphore(1);
        Semaphore secondTurn = new Semaphore(0);
        Thread a = sender(first, firstTurn, secondTurn, sink);
        Thread b = sender(second, secondTurn, firstTurn, sink);
        a.start();
        b.start();
        for (Thread t : List.of(a, b)) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    // try again
                }
            }
        }
    }
}
