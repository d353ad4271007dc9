package lab.grader.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import lab.grader.harness.Events;
import lab.grader.harness.ThreadWatch;

/**
 * The buffer's fill over time, with its producers and consumers waiting, for the report page: two
 * grader producers and two grader consumers pass 80 items through the student's buffer of 4, first
 * with slow consumers (the buffer fills, producers wait in put), then with slow producers (it empties,
 * consumers wait in take), while a sampler reads size() and which threads are parked inside put or take.
 *
 * <p>Only a picture: it runs after the check passed, never fails a check, and gives up (recording
 * nothing) if the buffer does not let it finish within a second or two. Its threads are the grader's
 * ({@code grader-} names), so no leak check counts them.
 */
final class FillPicture {
    private static final int CAPACITY = 4;
    private static final int PER_PRODUCER = 40;
    private static final int MAX_SAMPLES = 200;
    private static final long LIMIT_MILLIS = 2500;

    private FillPicture() {
    }

    static void record(QueueChecks.BufferFactory factory) {
        try {
            draw(factory.create(CAPACITY));
        } catch (Exception | Error e) {
            // a picture is a help, never a reason for a check to fail
        }
    }

    private static void draw(QueueChecks.Buffer buffer) throws InterruptedException {
        List<Thread> producers = new ArrayList<>();
        List<Thread> consumers = new ArrayList<>();
        AtomicInteger inPut = new AtomicInteger();
        AtomicInteger inTake = new AtomicInteger();
        for (int p = 0; p < 2; p++) {
            int base = p * PER_PRODUCER;
            producers.add(thread("grader-picture-producer-" + (p + 1), () -> {
                for (int i = 0; i < PER_PRODUCER; i++) {
                    if (i >= PER_PRODUCER / 2) {
                        pause(3); // the second half: producers are the slow side
                    }
                    inPut.incrementAndGet();
                    try {
                        buffer.put(base + i);
                    } finally {
                        inPut.decrementAndGet();
                    }
                }
            }));
            consumers.add(thread("grader-picture-consumer-" + (p + 1), () -> {
                for (int i = 0; i < PER_PRODUCER; i++) {
                    inTake.incrementAndGet();
                    try {
                        buffer.take();
                    } finally {
                        inTake.decrementAndGet();
                    }
                    if (i < PER_PRODUCER / 2) {
                        pause(2); // the first half: consumers are the slow side
                    }
                }
            }));
        }
        List<long[]> samples = new ArrayList<>();
        long origin = System.nanoTime();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> all = new ArrayList<>(producers);
        all.addAll(consumers);
        all.forEach(Thread::start);
        long deadline = origin + TimeUnit.MILLISECONDS.toNanos(LIMIT_MILLIS);
        while (all.stream().anyMatch(Thread::isAlive) && System.nanoTime() < deadline && samples.size() < MAX_SAMPLES) {
            samples.add(new long[] {(System.nanoTime() - origin) / 1000, buffer.size(), parked(producers, inPut), parked(consumers, inTake)});
            TimeUnit.MICROSECONDS.sleep(1500); // the sampling period, not a synchronisation
        }
        for (Thread t : all) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        running.set(false);
        if (all.stream().anyMatch(Thread::isAlive)) {
            all.forEach(Thread::interrupt);
            return; // the buffer did not let the scenario finish: no picture
        }
        long end = (System.nanoTime() - origin) / 1000;
        for (long[] s : samples) {
            Events.sample("queue.fill", s[0], s[1]);
            Events.sample("queue.producers", s[0], s[2]);
            Events.sample("queue.consumers", s[0], s[3]);
        }
        Events.record(new Events.Event("queue.fill", "total", "", 0, end, CAPACITY, ""));
    }

    /** How many of {@code threads} are parked (waiting or blocked) while some of them are inside the call. */
    private static long parked(List<Thread> threads, AtomicInteger inside) {
        if (inside.get() == 0) {
            return 0;
        }
        return threads.stream().filter(ThreadWatch::isParked).count();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis); // the scenario's pace, not a synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread thread(String name, Interruptible body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (InterruptedException e) {
                // given up on
            }
        }, name);
        t.setDaemon(true);
        return t;
    }

    @FunctionalInterface
    private interface Interruptible {
        void run() throws InterruptedException;
    }
}
