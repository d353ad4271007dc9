package lab.grader.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The scenarios of {@link StalemateTest}, run in a JVM of their own as a grading JVM runs checks: the
 * test runner's JVM has threads of its own (Surefire's, in timed waits) that would keep every proof
 * from ever holding, which is right (they might wake someone) but is not what a grading JVM looks like.
 * Prints one line per scenario: {@code <name> <outcome>} where the outcome is {@code passed}, a
 * check's message key, or {@code error:<what>}; then {@code done}.
 */
final class StalemateScenarios {
    /** Far longer than any proof: a result with the key harness.stalemate came from the proof, not the limit. */
    static final Duration LONG = Duration.ofSeconds(60);

    private StalemateScenarios() {
    }

    interface Scenario {
        void run() throws Exception;
    }

    static Map<String, Scenario> all() {
        Map<String, Scenario> s = new LinkedHashMap<>();
        s.put("lockOrderDeadlock", () -> StudentCall.run("lock order", LONG, () -> {
            ReentrantLock a = new ReentrantLock();
            ReentrantLock b = new ReentrantLock();
            CountDownLatch bothHoldOne = new CountDownLatch(2);
            crossed(() -> lockBoth(a, b, bothHoldOne), () -> lockBoth(b, a, bothHoldOne));
        }));
        s.put("monitorOrderDeadlock", () -> StudentCall.run("synchronized order", LONG, () -> {
            Object a = new Object();
            Object b = new Object();
            CountDownLatch bothHoldOne = new CountDownLatch(2);
            crossed(() -> syncBoth(a, b, bothHoldOne), () -> syncBoth(b, a, bothHoldOne));
        }));
        s.put("awaitWithNoSignal", () -> StudentCall.run("await with no signal", LONG, () -> {
            ReentrantLock lock = new ReentrantLock();
            Condition never = lock.newCondition();
            lock.lock();
            try {
                never.await();
            } finally {
                lock.unlock();
            }
        }));
        s.put("watchOfAThreadThatNeverEnds", () -> {
            Object monitor = new Object();
            Thread waiter = new Thread(() -> {
                synchronized (monitor) {
                    try {
                        monitor.wait();
                    } catch (InterruptedException e) {
                        // ends
                    }
                }
            });
            waiter.start();
            ThreadWatch watch = ThreadWatch.of(waiter);
            boolean ended = watch.ended(LONG);
            waiter.interrupt();
            if (!ended && watch.waited().compareTo(Duration.ofSeconds(10)) < 0) {
                throw CheckFailure.of("harness.stalemate", "watch", "-", "-");
            }
        });
        s.put("hangInsideACheckWaitedForFromOutside", () -> StudentCall.run("a check's body", LONG, () -> {
            // The grader waits for a check's body (a long limit); the body waits for a thread with a shorter one.
            Thread stuck = new Thread(() -> {
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    // ends
                }
            });
            stuck.start();
            if (!ThreadWatch.of(stuck).ended(Duration.ofSeconds(30))) {
                stuck.interrupt();
                throw CheckFailure.of("harness.stalemate", "inner", "-", "-");
            }
        }));
        s.put("wokenBySleeper", () -> StudentCall.run("woken after a sleep", LONG, () -> {
            CountDownLatch go = new CountDownLatch(1);
            Thread sleeper = new Thread(() -> {
                try {
                    TimeUnit.MILLISECONDS.sleep(Stalemate.PROOF.toMillis() * 2); // the subject: a timed waiter
                } catch (InterruptedException e) {
                    return;
                }
                go.countDown();
            });
            sleeper.start();
            go.await();
        }));
        s.put("wokenBySpinner", () -> StudentCall.run("woken after a spin", LONG, () -> {
            CountDownLatch go = new CountDownLatch(1);
            Thread spinner = new Thread(() -> {
                long until = System.nanoTime() + Stalemate.PROOF.toNanos() * 2;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait(); // the subject: a thread that runs (a long computation)
                }
                go.countDown();
            });
            spinner.start();
            go.await();
        }));
        s.put("relayOfThreads", () -> StudentCall.run("a relay of threads", LONG, () -> {
            int n = 50;
            List<CountDownLatch> batons = new ArrayList<>();
            for (int i = 0; i <= n; i++) {
                batons.add(new CountDownLatch(1));
            }
            List<Thread> runners = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                CountDownLatch mine = batons.get(i);
                CountDownLatch next = batons.get(i + 1);
                Thread t = new Thread(() -> {
                    try {
                        mine.await();
                        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(40);
                        while (System.nanoTime() < until) {
                            Thread.onSpinWait();
                        }
                        next.countDown();
                    } catch (InterruptedException e) {
                        // ends
                    }
                });
                t.start();
                runners.add(t);
            }
            batons.get(0).countDown();
            batons.get(n).await();
            for (Thread t : runners) {
                t.join();
            }
        }));
        s.put("pingPongWithNoWork", () -> StudentCall.run("ping-pong", LONG, () -> {
            // Two threads hand a turn back and forth with no work between: each runs for microseconds,
            // too short to be seen running, but each turn is a new wait.
            java.util.concurrent.SynchronousQueue<Integer> ping = new java.util.concurrent.SynchronousQueue<>();
            java.util.concurrent.SynchronousQueue<Integer> pong = new java.util.concurrent.SynchronousQueue<>();
            long until = System.nanoTime() + Stalemate.PROOF.toNanos() * 3;
            Thread other = new Thread(() -> {
                try {
                    while (ping.take() >= 0) {
                        pong.put(1);
                    }
                } catch (InterruptedException e) {
                    // ends
                }
            });
            other.start();
            while (System.nanoTime() < until) {
                ping.put(1);
                pong.take();
            }
            ping.put(-1);
            other.join();
        }));
        s.put("shortenedAfterAHang", () -> {
            try {
                StudentCall.run("first", LONG, () -> new CountDownLatch(1).await());
            } catch (CheckFailure expected) {
                if (!"harness.stalemate".equals(expected.key()) || !"first".equals(HangMemory.first())
                        || !HangMemory.SHORT.equals(HangMemory.limitFor(StudentCall.LIMIT))
                        || !LONG.equals(HangMemory.limitFor(LONG))
                        || !Stalemate.PROOF.dividedBy(2).equals(Stalemate.window())) {
                    throw new AssertionError("after the first hang: " + expected.key() + ", " + HangMemory.first());
                }
            }
            try {
                StudentCall.run("spins", StudentCall.LIMIT, () -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        Thread.onSpinWait();
                    }
                });
            } catch (CheckFailure f) {
                if (!f.getMessage().contains("first")) {
                    throw new AssertionError("the message does not name the first hang: " + f.getMessage());
                }
                throw f;
            }
        });
        return s;
    }

    public static void main(String[] args) {
        for (Map.Entry<String, Scenario> e : all().entrySet()) {
            HangMemory.forget();
            String outcome;
            try {
                e.getValue().run();
                outcome = "passed";
            } catch (CheckFailure f) {
                outcome = f.key();
            } catch (Throwable t) {
                outcome = "error:" + String.valueOf(t).replace('\n', ' ');
            }
            System.out.println(e.getKey() + " " + outcome);
        }
        System.out.println("done");
        Runtime.getRuntime().halt(0); // the deadlocked threads are meant to stay
    }

    /** Two threads that take the same two locks in opposite orders, started together and joined. */
    private static void crossed(Runnable first, Runnable second) throws InterruptedException {
        Thread one = new Thread(first);
        Thread two = new Thread(second);
        one.start();
        two.start();
        one.join();
        two.join();
    }

    private static void lockBoth(ReentrantLock first, ReentrantLock second, CountDownLatch bothHoldOne) {
        first.lock();
        try {
            bothHoldOne.countDown();
            bothHoldOne.await();
            second.lock();
            second.unlock();
        } catch (InterruptedException e) {
            // ends
        } finally {
            first.unlock();
        }
    }

    private static void syncBoth(Object first, Object second, CountDownLatch bothHoldOne) {
        synchronized (first) {
            bothHoldOne.countDown();
            try {
                bothHoldOne.await();
            } catch (InterruptedException e) {
                return;
            }
            synchronized (second) {
                bothHoldOne.countDown();
            }
        }
    }
}
