package lab.grader.report.html;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import lab.grader.harness.CheckFailure;
import lab.grader.harness.Events;
import lab.grader.harness.Linearizability;
import lab.grader.harness.StudentCall;
import lab.grader.harness.Timeline;
import lab.grader.report.GradeReport;
import lab.grader.report.Machine;
import lab.grader.rubric.CheckSpec;
import lab.grader.rubric.ExerciseSpec;
import lab.grader.rubric.Rubric;
import lab.grader.run.CheckResult;
import lab.grader.run.ExerciseResult;
import org.jetbrains.lincheck.datastructures.Operation;

/**
 * A grading run made in this JVM for the page's tests, with every kind of picture and failure: real
 * events where the harness makes them cheaply (a Lincheck failure of a racy counter, a deadlock caught
 * by StudentCall, timelines of tasks on threads), hand-made ones where a real run would take long (CPU
 * bars, the buffer's fill), and text an attacker controls: a thread name and an exception message
 * with markup in them.
 */
public final class PageFixtures {
    /** What student code could put in a thread name or a message: must stay text. */
    static final String ATTACK = "</pre><script>document.title='owned'</script><img src=x onerror=\"document.title='owned'\">";

    private PageFixtures() {
    }

    /** The racy counter Lincheck rejects: value++ without a lock. */
    public static class RacyModel {
        private int value;

        @Operation
        public int inc() {
            return ++value;
        }

        @Operation
        public int get() {
            return value;
        }
    }

    private static ExerciseSpec spec(String id) {
        return Rubric.load().select(id).get(0);
    }

    /** A result for every check of {@code spec}: those in {@code failed} fail with their message, the rest pass. */
    private static ExerciseResult result(ExerciseSpec spec, Map<String, CheckResult> failed, Map<String, List<Events.Event>> events,
            Map<String, Object> figures) {
        List<CheckResult> checks = new ArrayList<>();
        for (CheckSpec c : spec.checks()) {
            checks.add(failed.getOrDefault(c.id(), new CheckResult(c.id(), true, null, null, "", 5)));
        }
        return new ExerciseResult(spec, checks, figures, null, false, "", 1000, events);
    }

    static GradeReport report() throws Exception {
        List<ExerciseResult> exercises = new ArrayList<>();

        // threads: a real timeline of 4 tasks and the caller's wait; one failed check whose message carries markup
        ExerciseSpec threads = spec("threads");
        Timeline lanes = new Timeline("timeline.concurrent");
        long callStart = lanes.enter();
        List<Thread> ts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String name = i == 0 ? ATTACK : "task-" + (i + 1);
            ts.add(new Thread(() -> {
                long t0 = lanes.enter();
                sleep(20);
                lanes.exit(t0);
            }, name));
        }
        ts.forEach(Thread::start);
        for (Thread t : ts) {
            t.join();
        }
        lanes.waited(callStart);
        Events.drain();
        lanes.publish();
        Map<String, List<Events.Event>> threadEvents = Map.of("runAllRunsAtOnce", Events.drain());
        Map<String, CheckResult> threadFailures = Map.of("runAllRethrowsAfterAll", new CheckResult("runAllRethrowsAfterAll", false,
                "check.threw", "runAllAndWait threw java.lang.IllegalStateException: " + ATTACK + "\n  > at lab.threads.Threads.runAllAndWait(Threads.java:42)\n"
                        + "    at java.base/java.lang.Thread.run(Thread.java:840)\nWrap the task's failure, then rethrow it after all have finished.",
                "printed by your code: " + ATTACK, 12));
        exercises.add(result(threads, threadFailures, threadEvents, Map.of()));

        // counter: real Lincheck failure (with the wrong result marked), counts, and a failed property with its seed
        ExerciseSpec counter = spec("counter");
        Events.drain();
        CheckFailure lincheck = null;
        try {
            Linearizability.modelCheck(RacyModel.class, "RacyModel", 3, 100);
        } catch (CheckFailure f) {
            lincheck = f;
        }
        List<Events.Event> lincheckEvents = Events.drain();
        Map<String, List<Events.Event>> counterEvents = new LinkedHashMap<>();
        counterEvents.put("lockLinearizable", lincheckEvents);
        counterEvents.put("synchronizedSeedCase", List.of(new Events.Event("counts", "value", "", 0, 0, 200_000, "SynchronizedCounter"),
                new Events.Event("counts", "expected", "", 0, 0, 200_000, "SynchronizedCounter")));
        counterEvents.put("lockSeedCase", List.of(new Events.Event("counts", "value", "", 0, 0, 131_072, "LockCounter"),
                new Events.Event("counts", "expected", "", 0, 0, 200_000, "LockCounter")));
        counterEvents.put("unsafeCounterDemo", List.of(new Events.Event("counts", "value", "demo", 0, 0, 118_513, "UnsafeCounter"),
                new Events.Event("counts", "expected", "demo", 0, 0, 200_000, "UnsafeCounter")));
        counterEvents.put("lockExactProperty", List.of(new Events.Event("seed", "value", "", 0, 0, 0, "1988980549")));
        Map<String, CheckResult> counterFailures = new LinkedHashMap<>();
        counterFailures.put("lockSeedCase", new CheckResult("lockSeedCase", false, "counter.lost-updates",
                "LockCounter counted 131,072 of 200,000: 68,928 updates were lost.", "", 40));
        counterFailures.put("lockExactProperty", new CheckResult("lockExactProperty", false, "counter.lost-updates",
                "Failed for 3 threads x 12 increments.\nLockCounter counted 35 of 36.\nThe inputs came from seed 1988980549: replay with mvn verify -Dseed=1988980549.",
                "", 40));
        counterFailures.put("lockLinearizable", new CheckResult("lockLinearizable", false, lincheck == null ? "x" : lincheck.key(),
                lincheck == null ? "Lincheck found nothing (unexpected)" : lincheck.getMessage(), "", 900));
        exercises.add(result(counter, counterFailures, counterEvents, Map.of()));

        // queue: the fill picture (hand-made samples) and a real hang with its stuck threads
        ExerciseSpec queue = spec("queue");
        List<Events.Event> fill = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            long at = i * 1500L;
            int level = i < 40 ? Math.min(4, i / 3) : Math.max(0, 4 - (i - 40) / 3);
            fill.add(new Events.Event("queue.fill", "sample", "", at, at, level, ""));
            fill.add(new Events.Event("queue.producers", "sample", "", at, at, level == 4 ? 2 : 0, ""));
            fill.add(new Events.Event("queue.consumers", "sample", "", at, at, level == 0 ? 2 : 0, ""));
        }
        fill.add(new Events.Event("queue.fill", "total", "", 0, 120_000, 4, ""));
        Events.drain();
        CheckFailure hang = null;
        try {
            StudentCall.call("two locks taken in opposite orders", Duration.ofMillis(600), PageFixtures::deadlock);
        } catch (CheckFailure f) {
            hang = f;
        }
        List<Events.Event> hangEvents = Events.drain();
        Map<String, CheckResult> queueFailures = Map.of("producerConsumerTerminates", new CheckResult("producerConsumerTerminates", false,
                hang == null ? "x" : hang.key(), hang == null ? "no hang (unexpected)" : hang.getMessage(), "", 600));
        exercises.add(result(queue, queueFailures, Map.of("bufferBlocksWhileFullOrEmpty", fill, "producerConsumerTerminates", hangEvents), Map.of()));

        // pool: real sequential and concurrent timelines of short tasks
        ExerciseSpec pool = spec("pool");
        Timeline seq = new Timeline("timeline.sequential");
        for (int i = 0; i < 8; i++) {
            long t0 = seq.enter();
            sleep(5);
            seq.exit(t0);
        }
        Timeline con = new Timeline("timeline.concurrent");
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            workers.add(new Thread(() -> {
                for (int i = 0; i < 2; i++) {
                    long t0 = con.enter();
                    sleep(5);
                    con.exit(t0);
                }
            }, "pool-1-thread-" + (w + 1)));
        }
        workers.forEach(Thread::start);
        for (Thread t : workers) {
            t.join();
        }
        Events.drain();
        seq.publish();
        con.publish();
        exercises.add(result(pool, Map.of(), Map.of("fasterThanSequential", Events.drain()), Map.of("speedup", 3.9, "pool.seconds", 0.01,
                "sequential.seconds", 0.04, "peak", 4, "workers", 4, "seed.three.seconds", 0.35, "seed.hundred.seconds", 0.04)));

        // parallel: CPU bars (hand-made)
        ExerciseSpec parallel = spec("parallel");
        List<Events.Event> cpu = new ArrayList<>(List.of(new Events.Event("cpu", "value", "caller", 0, 0, 3, "caller")));
        for (int i = 1; i <= 4; i++) {
            cpu.add(new Events.Event("cpu", "value", "thread", 0, 0, 120 + i * 7, "ForkJoinPool-1-worker-" + i));
        }
        cpu.add(new Events.Event("cpu", "value", "", 0, 0, 410, "sequential"));
        cpu.add(new Events.Event("cpu.wall", "value", "", 0, 0, 410, "sequential"));
        cpu.add(new Events.Event("cpu.wall", "value", "", 0, 0, 150, "parallel"));
        exercises.add(result(parallel, Map.of(), Map.of("fasterOnSeveralCores", cpu), Map.of("cores", 4, "threads.used", 4, "speedup.text", "2.73x")));

        return new GradeReport("fixture", exercises, 12_345, List.of("A note for the whole run: " + ATTACK),
                new Machine("2026-01-01T10:00:00Z", "1.0-test", "17.0.15 (Test)", 4, 0.4, 1.2));
    }

    /** Two threads that take two locks in opposite orders: a deadlock, as StudentCall sees student code hang. */
    private static Void deadlock() throws InterruptedException {
        ReentrantLock a = new ReentrantLock();
        ReentrantLock b = new ReentrantLock();
        CountDownLatch both = new CountDownLatch(2);
        Thread one = new Thread(() -> lockBoth(a, b, both), "lab-deadlock-" + ATTACK);
        Thread two = new Thread(() -> lockBoth(b, a, both), "lab-deadlock-two");
        one.setDaemon(true);
        two.setDaemon(true);
        one.start();
        two.start();
        one.join();
        return null;
    }

    private static void lockBoth(ReentrantLock first, ReentrantLock second, CountDownLatch both) {
        first.lock();
        both.countDown();
        try {
            both.await();
            second.lock();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
