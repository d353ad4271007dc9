package lab.grader.queue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import lab.grader.harness.BytecodeScan;
import lab.grader.harness.CheckFailure;
import lab.grader.harness.ConcurrentScenario;
import lab.grader.harness.Figures;
import lab.grader.harness.GuardScan;
import lab.grader.harness.LeakGuard;
import lab.grader.harness.Linearizability;
import lab.grader.harness.Property;
import lab.grader.harness.Stalemate;
import lab.grader.harness.StudentCall;
import lab.grader.harness.ThreadDump;
import lab.grader.harness.ThreadWatch;
import lab.grader.harness.Timing;
import lab.grader.i18n.Messages;
import lab.queue.BoundedBuffer;
import lab.queue.ProducerConsumer;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/**
 * The queue exercise's checks: "queues terminate, every item consumed exactly once".
 *
 * <p>The first part are check functions over the implementation under test (a {@link
 * BufferFactory}, a {@link Run}), so the project's own tests can prove each one rejects
 * known-broken code. The {@code @Test} methods at the end bind them to the student's classes;
 * their names are the rubric's check ids. They run in the order given by {@code @Order}: the
 * Lincheck checks last, because the first Lincheck call pays a few seconds of agent start-up and a
 * broken scenario may leave Lincheck's threads behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class QueueChecks {
    static final Duration LIMIT = StudentCall.LIMIT;
    /** How long a thread may take to block, or to wake up when released: long for a thread, short for a grader. */
    static final Duration WAKE = Duration.ofMillis(Math.min(5_000, LIMIT.toMillis() / 2));
    /** How long a blocked call is watched to see that it stays blocked while nothing changes. */
    static final Duration STAY = Duration.ofMillis(100);
    /** How long a blocked call's CPU use is measured. */
    static final Duration CPU_WINDOW = Duration.ofMillis(200);
    /** The CPU share (of one core) above which a blocked call counts as busy waiting. */
    static final double BUSY_CPU = 0.20;
    /** How long threads may take to end after ProducerConsumer.run returns (pool threads take a moment). */
    static final Duration GRACE = Duration.ofSeconds(1);
    /**
     * Lincheck's budgets: model checking of offer/poll/size (iterations x invocations) and of the
     * 2-producer, 2-consumer scenario (invocations). Small on purpose: 1 x 10 rejected the
     * unsynchronised buffer and the two-semaphore one 20 runs out of 20 (1 x 5 none;
     * grader/bench/lincheck-budgets.sh), and 5 invocations catch a lost wakeup with one condition or
     * an if instead of a while; 2 x 15 and 10 leave a margin at half the 2 x 30 this was.
     */
    static final int MODEL_ITERATIONS = 2;
    static final int MODEL_INVOCATIONS = 15;
    static final int SCENARIO_INVOCATIONS = 10;
    /** Marks a call that is waiting, in the list of calls a message shows. */
    static final String WAITING = Messages.get("queue.call.waiting");

    // ================================================================ what is checked

    /**
     * {@link BoundedBuffer}'s operations, or a stand-in for them. Items are Objects: the checks
     * put Integers in and compare what comes out.
     */
    public interface Buffer {
        void put(Object item) throws InterruptedException;

        Object take() throws InterruptedException;

        boolean offer(Object item);

        Object poll();

        int size();

        int capacity();

        /** The object whose fields hold the buffer's lock (the student's BoundedBuffer behind an adapter). */
        default Object target() {
            return this;
        }
    }

    /**
     * Creates a buffer of a capacity. Prefer a lambda ({@code c -> new MyBuffer(c)}) to a
     * constructor reference: Lincheck 3.7 mistakes objects created by {@code MyBuffer::new} inside
     * a concurrent scenario for a hang (the Lincheck checks create their buffers beforehand, but
     * the habit costs nothing).
     */
    @FunctionalInterface
    public interface BufferFactory {
        Buffer create(int capacity);
    }

    /** {@link ProducerConsumer#run} or a stand-in for it. */
    @FunctionalInterface
    public interface Run {
        <T> List<T> run(List<List<T>> producers, int consumers, int capacity) throws InterruptedException;
    }

    /** The student's BoundedBuffer seen as a {@link Buffer}. */
    static final class StudentBuffer implements Buffer {
        private final BoundedBuffer<Object> buffer;

        StudentBuffer(BoundedBuffer<Object> buffer) {
            this.buffer = buffer;
        }

        @Override
        public void put(Object item) throws InterruptedException {
            buffer.put(item);
        }

        @Override
        public Object take() throws InterruptedException {
            return buffer.take();
        }

        @Override
        public boolean offer(Object item) {
            return buffer.offer(item);
        }

        @Override
        public Object poll() {
            return buffer.poll();
        }

        @Override
        public int size() {
            return buffer.size();
        }

        @Override
        public int capacity() {
            return buffer.capacity();
        }

        @Override
        public Object target() {
            return buffer;
        }
    }

    static Buffer studentBuffer(int capacity) {
        return new StudentBuffer(new BoundedBuffer<>(capacity));
    }

    // ================================================================ BoundedBuffer

    /** A new buffer, made through StudentCall; fails with a message if the constructor gives nothing. */
    static Buffer create(BufferFactory factory, int capacity) throws Exception {
        Buffer buffer = StudentCall.call("new BoundedBuffer<>(" + capacity + ")", LIMIT, () -> factory.create(capacity));
        CheckFailure.require(buffer != null, "queue.buffer.null");
        return buffer;
    }

    /**
     * Property: on one thread, random sequences of offer, poll and size give exactly what a
     * sequential model (an ArrayDeque with a capacity) gives: first in, first out, never more than
     * capacity items, null from poll only when empty.
     */
    public static void fifoAndCapacity(String checkName, BufferFactory factory) throws Exception {
        create(factory, 1);
        Gen<Script> scripts = SourceDSL.integers().between(1, 4)
                .zip(SourceDSL.lists().of(SourceDSL.integers().between(0, 3)).ofSizeBetween(0, 30), Script::new);
        HangGuard guard = new HangGuard();
        Property.forAll(checkName, 50, scripts, Script::toString, script -> guard.run(
                "BoundedBuffer: " + script, Duration.ofSeconds(Math.min(5, LIMIT.toSeconds())), () -> replay(factory, script)));
    }

    /** A property's input: a capacity and a sequence of calls (0, 1 = offer; 2 = poll; 3 = size). */
    record Script(int capacity, List<Integer> calls) {
        @Override
        public String toString() {
            return Messages.get("queue.buffer.script", capacity, calls.size());
        }
    }

    /** Plays {@code script} on a new buffer and on the model, comparing each answer. */
    static void replay(BufferFactory factory, Script script) throws Exception {
        int capacity = script.capacity();
        Buffer buffer = factory.create(capacity);
        CheckFailure.require(buffer != null, "queue.buffer.null");
        int reported = buffer.capacity();
        CheckFailure.require(reported == capacity, "queue.buffer.capacity-value", capacity, reported);
        ArrayDeque<Integer> model = new ArrayDeque<>();
        List<String> done = new ArrayList<>();
        int next = 1;
        for (int call : script.calls()) {
            switch (call) {
                case 0, 1 -> {
                    int item = next++;
                    boolean expected = model.size() < capacity;
                    boolean got = buffer.offer(item);
                    done.add("offer(" + item + ") = " + got);
                    if (expected) {
                        model.addLast(item);
                    }
                    if (got != expected) {
                        throw CheckFailure.of(got ? "queue.buffer.over-capacity" : "queue.buffer.offer-refused",
                                capacity, model.size(), trace(done));
                    }
                }
                case 2 -> {
                    Integer expected = model.pollFirst();
                    Object got = buffer.poll();
                    done.add("poll() = " + got);
                    if (!Objects.equals(expected, got)) {
                        String key = expected == null ? "queue.buffer.poll-empty"
                                : got == null ? "queue.buffer.poll-lost" : "queue.buffer.not-fifo";
                        throw CheckFailure.of(key, expected, got, trace(done));
                    }
                }
                default -> {
                    int got = buffer.size();
                    done.add("size() = " + got);
                    CheckFailure.require(got == model.size(), "queue.buffer.size", model.size(), got, trace(done));
                }
            }
        }
    }

    private static String trace(List<String> calls) {
        return String.join(", ", calls);
    }

    /** Capacity below 1: IllegalArgumentException. Null items: NullPointerException, and nothing stored. */
    public static void rejectsBadArguments(BufferFactory factory) throws Exception {
        StudentCall.expectThrows(IllegalArgumentException.class, "new BoundedBuffer<>(0)", () -> factory.create(0));
        StudentCall.expectThrows(IllegalArgumentException.class, "new BoundedBuffer<>(-1)", () -> factory.create(-1));
        Buffer buffer = create(factory, 3);
        int capacity = StudentCall.call("capacity()", LIMIT, buffer::capacity);
        CheckFailure.require(capacity == 3, "queue.buffer.capacity-value", 3, capacity);
        StudentCall.expectThrows(NullPointerException.class, "put(null)", () -> buffer.put(null));
        StudentCall.expectThrows(NullPointerException.class, "offer(null)", () -> buffer.offer(null));
        int size = StudentCall.call("size()", LIMIT, buffer::size);
        CheckFailure.require(size == 0, "queue.buffer.null-stored", size);
    }

    /**
     * Lincheck model checking over offer, poll and size from two threads: every result has a
     * one-at-a-time explanation. At capacity 1 first, then 2: capacity 1 has the most boundary
     * interleavings (every offer fills the buffer, every poll empties it), and that is where a
     * buffer whose state is split across two synchronizers (two semaphores) shows that its size
     * and its offer disagree; capacity 2 adds the interleavings of a partly full ring.
     */
    public static void linearizable(BufferFactory factory) throws Exception {
        create(factory, 2);
        BufferModel.factory = factory;
        for (int capacity : new int[] {1, 2}) {
            Class<?> model = capacity == 1 ? BufferModelOfOne.class : BufferModel.class;
            StudentCall.run(Messages.get("queue.call.lincheck", "BoundedBuffer(" + capacity + ")"), Duration.ofSeconds(60),
                    () -> Linearizability.modelCheck(model, "BoundedBuffer(" + capacity + ") (offer, poll, size)",
                            MODEL_ITERATIONS, MODEL_INVOCATIONS));
        }
    }

    /** {@link BufferModel} at capacity 1. */
    public static class BufferModelOfOne extends BufferModel {
        public BufferModelOfOne() {
            super(1);
        }
    }

    /** What Lincheck drives: a public class with a no-arg constructor whose operations call a buffer of capacity 2. */
    public static class BufferModel {
        static volatile BufferFactory factory;
        private final Buffer buffer;

        public BufferModel() {
            this(2);
        }

        BufferModel(int capacity) {
            buffer = factory.create(capacity);
        }

        @Operation
        public boolean offer(int item) {
            return buffer.offer(item);
        }

        @Operation
        public Object poll() {
            return buffer.poll();
        }

        @Operation
        public int size() {
            return buffer.size();
        }
    }

    /**
     * The buffer does its own waiting, on a lock and conditions (or {@code synchronized} with
     * {@code wait}/{@code notifyAll}), and reads its state under that lock. Read from the bytecode
     * of the buffer's class, its nested classes and the classes of its package it uses:
     * <ul>
     * <li>no {@code java.util.concurrent} queue or deque ({@code ArrayBlockingQueue},
     * {@code LinkedBlockingQueue}, {@code ConcurrentLinkedQueue}, ...): with one, the exercise is
     * done by the library, and every behavioural check passes;</li>
     * <li>no {@code Semaphore}: the textbook pair of semaphores (free and used slots) makes
     * {@code put} and {@code take} work, but splits the buffer's state across two synchronizers,
     * so {@code offer}, {@code poll} and {@code size} cannot be made atomic with them (a
     * {@code size()} of 1, then an {@code offer} refused while a {@code poll} is in flight). The
     * lesson says so: for this exercise, semaphores are not "a lock and conditions";</li>
     * <li>no field written under the lock and read (or written) without it ({@link GuardScan}):
     * {@code size()} reading a plain {@code count} is a data race that no run shows.</li>
     * </ul>
     */
    public static void builtWithALock(BufferFactory factory) throws Exception {
        Buffer buffer = create(factory, 2);
        Class<?> type = buffer.target().getClass();
        String name = type.getSimpleName();
        List<String[]> queues = new ArrayList<>();
        List<String[]> semaphores = new ArrayList<>();
        for (byte[] file : GuardScan.classFiles(type.getPackageName(), type).values()) {
            new BytecodeScan() {
                @Override
                protected void usesClass(String internalName, String place) {
                    if (!internalName.startsWith("java/util/concurrent/") || internalName.indexOf('/', "java/util/concurrent/".length()) >= 0) {
                        return; // not java.util.concurrent itself (locks and atomics are fine)
                    }
                    String simple = internalName.substring(internalName.lastIndexOf('/') + 1);
                    if (simple.endsWith("Queue") || simple.endsWith("Deque")) {
                        queues.add(new String[] {simple, place});
                    } else if (simple.equals("Semaphore")) {
                        semaphores.add(new String[] {simple, place});
                    }
                }
            }.scan(new org.objectweb.asm.ClassReader(file));
        }
        if (!queues.isEmpty()) {
            throw CheckFailure.of("queue.buffer.uses-queue", name, queues.get(0)[0], queues.get(0)[1]);
        }
        if (!semaphores.isEmpty()) {
            throw CheckFailure.of("queue.buffer.uses-semaphore", name, semaphores.get(0)[1]);
        }
        List<GuardScan.Race> races = GuardScan.races(type.getPackageName(), type);
        if (!races.isEmpty()) {
            GuardScan.Race r = races.get(0);
            throw CheckFailure.of("queue.buffer.race", name, r.field(), r.lockedWrite(), r.unlocked(), r.unlockedIsRead() ? 1 : 0,
                    races.size());
        }
    }

    /**
     * put waits while the buffer is full and take while it is empty: each reaches a waiting state
     * and stays there while nothing changes; the opposite operation (take or poll, put or offer)
     * releases it, and the items come out in order.
     */
    public static void blocksWhileFullOrEmpty(BufferFactory factory) throws Exception {
        scenario(Messages.get("queue.call.blocks"), () -> {
            // put on a full buffer, released by take, then by poll
            Buffer buffer = factory.create(2);
            buffer.put(1);
            buffer.put(2);
            Pending put = putWaits(buffer, 3, 2, true);
            Object taken = buffer.take();
            CheckFailure.require(Integer.valueOf(1).equals(taken), "queue.buffer.not-fifo", 1, taken, "put(1), put(2), put(3) " + WAITING + ", take()");
            released(put, "take()", "queue.buffer.put-not-released");
            Pending put2 = putWaits(buffer, 4, 2, false);
            Object polled = buffer.poll();
            CheckFailure.require(Integer.valueOf(2).equals(polled), "queue.buffer.not-fifo", 2, polled, "... take() = 1, put(4) " + WAITING + ", poll()");
            released(put2, "poll()", "queue.buffer.put-not-released");
            List<Object> rest = List.of(buffer.take(), buffer.take());
            CheckFailure.require(rest.equals(List.of(3, 4)), "queue.buffer.not-fifo", "3, 4", rest, "... take(), take()");

            // take on an empty buffer, released by put, then by offer
            Pending take = takeWaits(buffer, true);
            buffer.put(5);
            Object got = released(take, "put(5)", "queue.buffer.take-not-released");
            CheckFailure.require(Integer.valueOf(5).equals(got), "queue.buffer.take-wrong-item", "put(5)", 5, got);
            Pending take2 = takeWaits(buffer, false);
            CheckFailure.require(buffer.offer(6), "queue.buffer.offer-refused", 2, 0, "offer(6)");
            Object got2 = released(take2, "offer(6)", "queue.buffer.take-not-released");
            CheckFailure.require(Integer.valueOf(6).equals(got2), "queue.buffer.take-wrong-item", "offer(6)", 6, got2);
        });
        // Passed: now a picture of the buffer filling and emptying with threads waiting (the report page's).
        FillPicture.record(factory);
    }

    /**
     * Runs a scenario of calls on threads of their own under the time limit; afterwards, whatever
     * happened, interrupts those still waiting (a spinning one would otherwise burn a core for the
     * rest of the grading run).
     */
    static void scenario(String what, StudentCall.Body body) throws Exception {
        try {
            StudentCall.run(what, LIMIT, body);
        } finally {
            Pending.stopAll();
        }
    }

    /** Starts put(item) on a full buffer of {@code size} items; it must block and (if {@code stay}) stay blocked. */
    static Pending putWaits(Buffer buffer, int item, int size, boolean stay) throws Exception {
        Pending put = Pending.start("queue-check-put", () -> {
            buffer.put(item);
            return Pending.VOID;
        });
        Thread.State state = put.watch.untilBlockedOrEnded(WAKE);
        if (state == Thread.State.TERMINATED || (stay && put.watch.sample(STAY).ended())) {
            throw CheckFailure.of("queue.buffer.put-did-not-block", size, item, put.outcome(), buffer.size());
        }
        return put;
    }

    /** Starts take() on an empty buffer; it must block and (if {@code stay}) stay blocked. */
    static Pending takeWaits(Buffer buffer, boolean stay) throws Exception {
        Pending take = Pending.start("queue-check-take", buffer::take);
        Thread.State state = take.watch.untilBlockedOrEnded(WAKE);
        if (state == Thread.State.TERMINATED || (stay && take.watch.sample(STAY).ended())) {
            throw CheckFailure.of("queue.buffer.take-did-not-block", take.outcome());
        }
        return take;
    }

    /** The waiting call must end (normally) soon after {@code by} made it possible. */
    static Object released(Pending waiting, String by, String key) throws Exception {
        if (!waiting.watch.ended(WAKE)) {
            throw CheckFailure.of(key, by, seconds(waiting.watch.waited()), ThreadDump.describe(List.of(waiting.thread)));
        }
        return waiting.result();
    }

    /**
     * After waking up, a waiting take must check again whether there is an item: two takes wait on
     * an empty buffer, one item arrives, and another thread takes it before a woken take gets the
     * lock back (the grader holds the buffer's own lock around put and poll, so this happens every
     * time, not by chance). A take that waited behind {@code if} instead of {@code while} then takes
     * from an empty buffer.
     */
    public static void rechecksAfterWakeup(BufferFactory factory) throws Exception {
        scenario(Messages.get("queue.call.recheck"), () -> {
            Buffer buffer = factory.create(2);
            Pending first = Pending.start("queue-check-take-1", buffer::take);
            Pending second = Pending.start("queue-check-take-2", buffer::take);
            for (Pending take : List.of(first, second)) {
                if (take.watch.untilBlockedOrEnded(WAKE) == Thread.State.TERMINATED) {
                    throw CheckFailure.of("queue.buffer.take-did-not-block", take.outcome());
                }
            }
            BufferLock lock = BufferLock.find(buffer.target(), first.watch.waitsOnIdentity());
            lock.awaitWaiting(List.of(first, second));
            long[] waited = {first.watch.waitedCount(), second.watch.waitedCount()};

            List<Object> expected = new ArrayList<>();
            Object stolen = lock.hold(() -> {
                buffer.put(10);
                return lock.found() ? buffer.poll() : null;
            });
            expected.add(10);
            if (stolen != null) {
                expected.remove(stolen);
            }
            // Wait until a woken take has acted on what it found: it ended, or it waits again.
            long deadline = System.nanoTime() + WAKE.toNanos();
            try (Stalemate stalemate = Stalemate.waitingUntil(deadline)) {
                // A take that was never woken leaves everything standing still: proven in a second, not WAKE.
                while (System.nanoTime() < deadline && first.thread.isAlive() && second.thread.isAlive()
                        && first.watch.waitedCount() == waited[0] && second.watch.waitedCount() == waited[1]
                        && !stalemate.proven()) {
                    LockSupport.parkNanos(200_000);
                }
            }
            if (!lock.found()) {
                // Without the lock the grader cannot make the steal certain; give the other take a moment too.
                Pending other = first.thread.isAlive() ? first : second;
                long otherWaited = other.watch.waitedCount();
                long until = System.nanoTime() + STAY.toNanos();
                while (System.nanoTime() < until && other.thread.isAlive() && other.watch.waitedCount() == otherWaited) {
                    LockSupport.parkNanos(200_000);
                }
            }
            List<Pending> ended = new ArrayList<>();
            for (Pending take : List.of(first, second)) {
                if (!take.thread.isAlive()) {
                    ended.add(take);
                }
            }
            if (ended.size() > expected.size()) {
                String outcomes = ended.stream().map(Pending::outcome).collect(Collectors.joining("; "));
                throw CheckFailure.of("queue.buffer.if-not-while", outcomes);
            }
            for (int item = 11; expected.size() < 2; item++) {
                buffer.put(item);
                expected.add(item);
            }
            List<Object> got = new ArrayList<>();
            for (Pending take : List.of(first, second)) {
                if (!take.watch.ended(WAKE)) {
                    throw CheckFailure.of("queue.buffer.take-not-released", "put()", seconds(take.watch.waited()),
                            ThreadDump.describe(List.of(take.thread)));
                }
                if (take.failure() != null) {
                    throw CheckFailure.of("queue.buffer.if-not-while", take.outcome());
                }
                got.add(take.value());
            }
            if (!sameItems(expected, got)) {
                throw CheckFailure.of("queue.buffer.if-not-while",
                        Messages.get("queue.buffer.takes-returned", got, expected));
            }
        });
    }

    /**
     * A blocked take (on an empty buffer) and a blocked put (on a full one) wait without using the
     * CPU: over a short window, the waiting thread's CPU time stays under 20% of the wall time, it
     * is not RUNNABLE all along, and it is not sleeping in a polling loop.
     */
    public static void waitsWithoutBusyWaiting(BufferFactory factory) throws Exception {
        scenario(Messages.get("queue.call.cpu"), () -> {
            Buffer buffer = factory.create(1);
            Pending take = Pending.start("queue-check-take", buffer::take);
            idle(take, "take()", Messages.get("queue.buffer.empty"));
            buffer.put(1);
            Object got = released(take, "put(1)", "queue.buffer.take-not-released");
            CheckFailure.require(Integer.valueOf(1).equals(got), "queue.buffer.take-wrong-item", "put(1)", 1, got);

            buffer.put(2);
            Pending put = Pending.start("queue-check-put", () -> {
                buffer.put(3);
                return Pending.VOID;
            });
            idle(put, "put(3)", Messages.get("queue.buffer.full"));
            Object first = buffer.take();
            released(put, "take()", "queue.buffer.put-not-released");
            CheckFailure.require(Integer.valueOf(2).equals(first), "queue.buffer.not-fifo", 2, first, "put(2), put(3) " + WAITING + ", take()");
        });
    }

    /** Measures a call that should be waiting: fails if it ended, ran, spun or slept in a loop. */
    static void idle(Pending call, String what, String state) throws Exception {
        call.watch.untilBlockedOrEnded(WAKE); // a waiting call gets there at once; a spinning one never does
        ThreadWatch.Sample sample = call.watch.sample(CPU_WINDOW);
        if (sample.ended()) {
            throw CheckFailure.of("queue.buffer.stopped-waiting", what, state, call.outcome());
        }
        double cpu = Math.max(0, sample.cpuShare());
        Figures.record("blocked.cpuPercent", Math.round(cpu * 1000) / 10.0);
        if (cpu > BUSY_CPU || sample.runningShare() > 0.9) {
            throw CheckFailure.of("queue.buffer.busy-wait", what, state, Math.round(cpu * 100),
                    sample.wallNanos() / 1_000_000, Math.round(sample.runningShare() * 100),
                    ThreadDump.describe(List.of(call.thread)));
        }
        if (sample.sleepingShare() > 0.5) {
            throw CheckFailure.of("queue.buffer.sleep-polling", what, state, ThreadDump.describe(List.of(call.thread)));
        }
    }

    /**
     * A put waiting on a full buffer and a take waiting on an empty one, when interrupted, throw
     * InterruptedException promptly and leave the buffer as it was.
     */
    public static void interruptible(BufferFactory factory) throws Exception {
        scenario(Messages.get("queue.call.interrupt"), () -> {
            Buffer buffer = factory.create(1);
            Pending take = takeWaits(buffer, false);
            take.thread.interrupt();
            interrupted(take, "take()");
            int size = buffer.size();
            CheckFailure.require(size == 0, "queue.buffer.interrupt-changed", "take()", 0, size);

            buffer.put(1);
            Pending put = putWaits(buffer, 2, 1, false);
            put.thread.interrupt();
            interrupted(put, "put(2)");
            List<Object> left = new ArrayList<>();
            for (Object item = buffer.poll(); item != null && left.size() < 3; item = buffer.poll()) {
                left.add(item);
            }
            CheckFailure.require(left.equals(List.of(1)), "queue.buffer.interrupt-changed", "put(2)", "[1]", left);
            // The buffer still works: nothing was left locked or half-done.
            CheckFailure.require(buffer.offer(3), "queue.buffer.offer-refused", 1, 0, "... offer(3)");
            Object three = buffer.poll();
            CheckFailure.require(Integer.valueOf(3).equals(three), "queue.buffer.poll-lost", 3, three, "offer(3), poll()");
        });
    }

    static void interrupted(Pending call, String what) throws Exception {
        if (!call.watch.ended(WAKE)) {
            throw CheckFailure.of("queue.buffer.interrupt-ignored", what, seconds(call.watch.waited()),
                    ThreadDump.describe(List.of(call.thread)));
        }
        if (!(call.failure() instanceof InterruptedException)) {
            throw CheckFailure.of("queue.buffer.interrupt-swallowed", what, call.outcome());
        }
    }

    /**
     * No lost wakeup, no deadlock: two producers and two consumers on a buffer of capacity 1. First
     * with real threads and many items (each taken exactly once), then under Lincheck's model
     * checker, which tries the interleavings of a small closed scenario and reports one that hangs
     * or loses an item.
     */
    public static void noLostWakeup(BufferFactory factory) throws Exception {
        noLostWakeupWithThreads(factory);
        noLostWakeupUnderLincheck(factory);
    }

    /** The real-thread half of {@link #noLostWakeup}: 10,000 items, 2 producers, 2 consumers, capacity 1. */
    public static void noLostWakeupWithThreads(BufferFactory factory) throws Exception {
        create(factory, 1);
        int perThread = 5_000;
        List<Object> taken;
        try {
            taken = StudentCall.call(Messages.get("queue.call.two-by-two", 2 * perThread), LIMIT,
                    () -> twoByTwo(factory, perThread));
        } catch (CheckFailure f) {
            if ("harness.timeout".equals(f.key())) {
                throw CheckFailure.withMessage("queue.buffer.stuck",
                        Messages.get("queue.buffer.stuck", 2 * perThread, f.getMessage()), f);
            }
            throw f;
        }
        List<Object> expected = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            for (int i = 0; i < perThread; i++) {
                expected.add(p * perThread + i);
            }
        }
        Tally tally = Tally.of(expected, taken);
        if (!tally.exact()) {
            throw CheckFailure.of("queue.buffer.lost-or-twice", 2 * perThread, tally.describe());
        }
    }

    /** The Lincheck half of {@link #noLostWakeup}: the closed scenario under the model checker. */
    public static void noLostWakeupUnderLincheck(BufferFactory factory) throws Exception {
        create(factory, 1);
        // Fresh buffers made before Lincheck starts, one per run of the scenario (Lincheck runs it
        // once per invocation, and again to replay a failure). An object that the code under test
        // creates inside the scenario through a constructor reference (say ReentrantLock::new in
        // the buffer's constructor) makes Lincheck 3.7 report a correct buffer as hung; made
        // beforehand, it is an ordinary shared object.
        ArrayDeque<Buffer> fresh = new ArrayDeque<>();
        for (int i = 0; i < 2 * SCENARIO_INVOCATIONS + 4; i++) {
            fresh.add(factory.create(1));
        }
        BufferFactory pooled = capacity -> {
            Buffer next = fresh.pollFirst();
            return next != null ? next : factory.create(capacity);
        };
        StudentCall.run(Messages.get("queue.call.lincheck-scenario"), Duration.ofSeconds(60),
                () -> ConcurrentScenario.check("BoundedBuffer", SCENARIO_INVOCATIONS, () -> closedScenario(pooled),
                        "queue.buffer.lincheck-hung", "queue.buffer.lincheck-failed"));
    }

    /** Real threads: two producers put {@code perThread} items each, two consumers take as many each. */
    static List<Object> twoByTwo(BufferFactory factory, int perThread) throws Exception {
        Buffer buffer = factory.create(1);
        Object[][] got = new Object[2][perThread];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            int base = p * perThread;
            threads.add(new Thread(() -> {
                try {
                    for (int i = 0; i < perThread; i++) {
                        buffer.put(base + i);
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }, "queue-check-producer-" + (p + 1)));
        }
        for (int c = 0; c < 2; c++) {
            Object[] mine = got[c];
            threads.add(new Thread(() -> {
                try {
                    for (int i = 0; i < perThread; i++) {
                        mine[i] = buffer.take();
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }, "queue-check-consumer-" + (c + 1)));
        }
        threads.forEach(Thread::start);
        try {
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            threads.forEach(Thread::interrupt); // timed out: stop them, so a spinning one does not burn a core
            throw e;
        }
        rethrow(failure.get());
        List<Object> all = new ArrayList<>(Arrays.asList(got[0]));
        all.addAll(Arrays.asList(got[1]));
        return all;
    }

    /**
     * The closed scenario Lincheck runs: P1 puts 1, 2; P2 puts 3, 4; C1 and C2 take two each; the
     * four items come out once each. With one wait set and signal/notify, some interleaving wakes
     * a consumer when only a producer could go on, and everyone waits forever.
     */
    static void closedScenario(BufferFactory factory) {
        Buffer buffer = factory.create(1);
        Object[] got = new Object[4];
        Thread p1 = new Thread(() -> putAll(buffer, 1, 2));
        Thread p2 = new Thread(() -> putAll(buffer, 3, 4));
        Thread c1 = new Thread(() -> takeInto(buffer, got, 0));
        Thread c2 = new Thread(() -> takeInto(buffer, got, 2));
        p1.start();
        p2.start();
        c1.start();
        c2.start();
        try {
            p1.join();
            p2.join();
            c1.join();
            c2.join();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        // Plain loops, no collections: Lincheck model-checks this code too, and every HashMap call costs it time.
        int seen = 0;
        boolean once = true;
        for (Object item : got) {
            int bit = item instanceof Integer i && i >= 1 && i <= 4 ? 1 << i : 1;
            once &= (seen & bit) == 0;
            seen |= bit;
        }
        if (!once || seen != 0b11110) {
            throw new AssertionError(Messages.get("queue.buffer.scenario-took", Arrays.toString(got)));
        }
    }

    private static void putAll(Buffer buffer, int a, int b) {
        try {
            buffer.put(a);
            buffer.put(b);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void takeInto(Buffer buffer, Object[] got, int at) {
        try {
            got[at] = buffer.take();
            got[at + 1] = buffer.take();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    // ================================================================ ProducerConsumer

    /**
     * The headline: 20,000 items from 4 producers to 3 consumers through a buffer of 16, each
     * consumed exactly once. Records the figures of the verdict line.
     */
    public static void headline(Run run) throws Exception {
        int producers = 4;
        int perProducer = 5_000;
        int consumers = 3;
        List<List<Integer>> work = items(new int[] {perProducer, perProducer, perProducer, perProducer});
        LeakGuard guard = LeakGuard.snapshot();
        String what = describe(work, consumers, 16);
        Timing.Measured<List<Integer>> measured = StudentCall.call("ProducerConsumer.run(" + what + ")", LIMIT,
                () -> Timing.once(() -> run.run(work, consumers, 16)));
        exactlyOnce(what, work, measured.value());
        int left = guard.leaked(Duration.ofMillis(200)).size();
        Figures.record("pc.items", producers * perProducer);
        Figures.record("pc.producers", producers);
        Figures.record("pc.consumers", consumers);
        Figures.record("pc.seconds", measured.seconds());
        Figures.record("pc.threadsLeft", left);
    }

    /**
     * Every item consumed exactly once: items that look like pills (-1, 0, "POISON", "None" ...)
     * first, then a property over 0..4 producers with 0..300 items each, 1..4 consumers and
     * capacities 1..4.
     */
    public static void exactlyOnceProperty(String checkName, Run run) throws Exception {
        List<List<String>> words = List.of(List.of("POISON", "STOP", "None", "", "null", "DONE"),
                List.of("END", "-1", "0", "poison", "EOF", "QUIT"));
        String wordsWhat = Messages.get("queue.pc.pill-like");
        List<String> gotWords = StudentCall.call("ProducerConsumer.run(" + wordsWhat + ")", LIMIT, () -> run.run(words, 2, 2));
        exactlyOnce(wordsWhat, words, gotWords);

        Gen<Shape> shapes = SourceDSL.lists().of(SourceDSL.integers().between(0, 300)).ofSizeBetween(0, 4)
                .zip(SourceDSL.integers().between(1, 4), SourceDSL.integers().between(1, 4), Shape::new);
        HangGuard guard = new HangGuard();
        Property.forAll(checkName, 25, shapes, Shape::toString, shape -> {
            List<List<Integer>> work = items(shape.counts().stream().mapToInt(Integer::intValue).toArray());
            guard.run("ProducerConsumer.run(" + shape + ")", LIMIT,
                    () -> exactlyOnce(shape.toString(), work, run.run(work, shape.consumers(), shape.capacity())));
        });
    }

    /** A property's input: items per producer, consumers, capacity. */
    record Shape(List<Integer> counts, int consumers, int capacity) {
        @Override
        public String toString() {
            return describe(counts, consumers, capacity);
        }
    }

    /**
     * Terminates in the shapes students get wrong: more consumers than producers, empty producer
     * lists, no producers at all, many items through a buffer of 1 (each needs a pill per consumer,
     * and consumers started before the producers are joined).
     */
    public static void terminates(Run run) throws Exception {
        int[][] cases = {{50}, {0, 0, 0}, {}, {100, 100, 100}, {200, 200}};
        int[] consumers = {4, 2, 3, 1, 2};
        int[] capacity = {1, 2, 1, 1, 1};
        for (int i = 0; i < cases.length; i++) {
            List<List<Integer>> work = items(cases[i]);
            String what = describe(work, consumers[i], capacity[i]);
            int c = consumers[i];
            int cap = capacity[i];
            List<Integer> got = StudentCall.call("ProducerConsumer.run(" + what + ")", LIMIT, () -> run.run(work, c, cap));
            exactlyOnce(what, work, got);
        }
        stopsWhenInterrupted(run);
    }

    /**
     * Interrupted while it waits for its threads (2,000,000 items through a buffer of 1 take a
     * while), run throws InterruptedException promptly and its threads end.
     */
    static void stopsWhenInterrupted(Run run) throws Exception {
        int items = 2_000_000;
        List<List<Integer>> endless = List.of(new AbstractList<Integer>() {
            @Override
            public Integer get(int index) {
                Objects.checkIndex(index, items);
                return index % 100; // cached Integers: two million items without two million objects
            }

            @Override
            public int size() {
                return items;
            }
        });
        String what = describe(endless, 1, 1);
        LeakGuard guard = LeakGuard.snapshot();
        scenario("ProducerConsumer.run(" + what + ")", () -> {
            Pending call = Pending.start("queue-check-run", () -> run.run(endless, 1, 1));
            Thread.State state = call.watch.untilBlockedOrEnded(WAKE);
            if (state == Thread.State.TERMINATED) {
                return; // finished before it could be interrupted: nothing to learn here
            }
            // How it waits for its threads, before the interrupt: parked in join(), or busy in a loop.
            ThreadWatch.Sample waiting = call.watch.worthSampling() ? call.watch.sample(ThreadWatch.WAIT_SAMPLE) : null;
            if (waiting != null && !waiting.ended()) {
                String where = waiting.busy() || waiting.sleepPolling() ? ThreadDump.describe(List.of(call.thread)) : "";
                StudentCall.requireIdle("ProducerConsumer.run(" + what + ")", where, waiting, Messages.get("check.wait.how.join"));
            }
            call.thread.interrupt();
            if (!call.watch.ended(WAKE)) {
                throw CheckFailure.of("queue.pc.interrupt-ignored", seconds(call.watch.waited()), ThreadDump.describe(List.of(call.thread)));
            }
            if (!(call.failure() instanceof InterruptedException)) {
                throw CheckFailure.of("queue.pc.interrupt-swallowed", call.failure() == null
                        ? Messages.get("queue.outcome.returned-list") : call.outcome());
            }
        });
        List<Thread> left = guard.leaked(GRACE);
        if (!left.isEmpty()) {
            throw CheckFailure.of("queue.pc.threads-left", Messages.get("queue.pc.interrupted-run", what), left.size(),
                    seconds(GRACE), ThreadDump.describe(left.subList(0, Math.min(3, left.size()))));
        }
    }

    /**
     * When run returns, the consumers have finished: no thread it started is still at work at that
     * moment, the list it returned is complete and does not change afterwards, and a moment later
     * no thread it started is alive at all.
     *
     * <p>A run that forgets to join its consumers is caught only when some consumer is still at
     * work when run returns, so the cases are chosen to make that likely: four producers and one
     * consumer with room for everything (the consumer is far behind when the producers are done),
     * and 64 consumers that must each wake up for a pill (three times).
     */
    public static void leavesNoThreads(Run run) throws Exception {
        int[][] cases = {{5_000, 5_000, 5_000, 5_000}, {300, 300}, {300, 300}, {300, 300}, {200, 200}, {}};
        int[] consumers = {1, 64, 64, 64, 3, 2};
        int[] capacity = {20_000, 64, 64, 64, 2, 1};
        for (int i = 0; i < cases.length; i++) {
            List<List<Integer>> work = items(cases[i]);
            String what = describe(work, consumers[i], capacity[i]);
            int c = consumers[i];
            int cap = capacity[i];
            LeakGuard guard = LeakGuard.snapshot();
            AtomicReference<List<Integer>> returned = new AtomicReference<>();
            AtomicReference<String> working = new AtomicReference<>();
            // What is still running, and a copy of the list, taken on the calling thread the moment run returns.
            List<Integer> atReturn = StudentCall.call("ProducerConsumer.run(" + what + ")", LIMIT, () -> {
                Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
                List<Integer> list = run.run(work, c, cap);
                List<Thread> busy = stillWorking(before);
                // Described at once (they may end any moment), and only a few: a run may start dozens.
                working.set(busy.isEmpty() ? null : Messages.get("queue.pc.still-working", busy.size(),
                        ThreadDump.describe(busy.subList(0, Math.min(3, busy.size())))));
                returned.set(list);
                return copyOf(list);
            });
            CheckFailure.require(returned.get() != null, "queue.pc.null-result", what);
            if (working.get() != null) {
                throw CheckFailure.of("queue.pc.returned-early", what, working.get());
            }
            List<Thread> left = guard.leaked(GRACE);
            List<Integer> later = copyOf(returned.get());
            if (atReturn == null || !Objects.equals(atReturn, later)) {
                throw CheckFailure.of("queue.pc.returned-early", what, Messages.get("queue.pc.list-grew",
                        atReturn == null ? "?" : atReturn.size(), later == null ? "?" : later.size()));
            }
            if (!left.isEmpty()) {
                throw CheckFailure.of("queue.pc.threads-left", what, left.size(), seconds(GRACE), ThreadDump.describe(left));
            }
            exactlyOnce(what, work, atReturn);
        }
    }

    /**
     * Threads started since {@code before} that are still at work: alive and running code other
     * than the JDK's (a consumer loop, a buffer call), or started and not yet running anything.
     * A thread on its way out (a pool worker after awaitTermination, Thread.exit) runs only JDK
     * code, so it does not count.
     */
    static List<Thread> stillWorking(Set<Thread> before) {
        List<Thread> working = new ArrayList<>();
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            Thread t = e.getKey();
            if (before.contains(t) || !t.isAlive() || t == Thread.currentThread() || t.getName().startsWith("grader-")) {
                continue;
            }
            StackTraceElement[] stack = e.getValue();
            boolean notYetRunning = stack.length == 0
                    || (stack.length == 1 && stack[0].getClassName().equals("java.lang.Thread") && stack[0].getMethodName().equals("run"));
            boolean ownCode = false;
            for (StackTraceElement frame : stack) {
                String c = frame.getClassName();
                if (!(c.startsWith("java.") || c.startsWith("javax.") || c.startsWith("jdk.") || c.startsWith("sun.")
                        || c.startsWith("com.sun."))) {
                    ownCode = true;
                    break;
                }
            }
            if (notYetRunning || ownCode) {
                working.add(t);
            }
        }
        return working;
    }

    /** A copy of a list that other threads may still be filling; null if it could not be copied. */
    private static <T> List<T> copyOf(List<T> list) {
        if (list == null) {
            return null;
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return new ArrayList<>(list);
            } catch (ConcurrentModificationException | ArrayIndexOutOfBoundsException e) {
                // still being filled: that is what the check is looking for; try again
            }
        }
        return null;
    }

    /**
     * With one consumer, each producer's items come out in the order it produced them: first the
     * seed example itself (one producer of 0..4, one consumer, a buffer of 2), then three producers
     * of 300 items through a buffer of 2.
     */
    public static void keepsProducerOrder(Run run) throws Exception {
        List<List<Integer>> seed = List.of(List.of(0, 1, 2, 3, 4));
        List<Integer> got = StudentCall.call("ProducerConsumer.run([[0, 1, 2, 3, 4]], 1, 2)", LIMIT, () -> run.run(seed, 1, 2));
        CheckFailure.require(List.of(0, 1, 2, 3, 4).equals(got), "queue.pc.seed", got);

        List<List<Integer>> work = items(new int[] {300, 300, 300});
        String what = describe(work, 1, 2);
        List<Integer> all = StudentCall.call("ProducerConsumer.run(" + what + ")", LIMIT, () -> run.run(work, 1, 2));
        exactlyOnce(what, work, all);
        for (int p = 0; p < work.size(); p++) {
            List<Integer> mine = work.get(p);
            Set<Integer> own = new HashSet<>(mine);
            List<Integer> seen = all.stream().filter(own::contains).collect(Collectors.toList());
            if (!seen.equals(mine)) {
                int at = 0;
                while (at < mine.size() && mine.get(at).equals(seen.get(at))) {
                    at++;
                }
                throw CheckFailure.of("queue.pc.order", what, p + 1, show(mine.get(at)), show(seen.get(at)), at + 1);
            }
        }
    }

    /** Bad arguments are rejected before any thread starts, and leave no thread behind. */
    public static void runRejectsBadArguments(Run run) throws Exception {
        List<List<Integer>> fine = List.of(List.of(1, 2, 3));
        LeakGuard guard = LeakGuard.snapshot();
        StudentCall.expectThrows(IllegalArgumentException.class, "ProducerConsumer.run([[1, 2, 3]], 0, 2)", () -> run.run(fine, 0, 2));
        StudentCall.expectThrows(IllegalArgumentException.class, "ProducerConsumer.run([[1, 2, 3]], -1, 2)", () -> run.run(fine, -1, 2));
        StudentCall.expectThrows(IllegalArgumentException.class, "ProducerConsumer.run([[1, 2, 3]], 2, 0)", () -> run.run(fine, 2, 0));
        StudentCall.expectThrows(NullPointerException.class, "ProducerConsumer.run(null, 2, 2)", () -> run.run(null, 2, 2));
        StudentCall.expectThrows(NullPointerException.class, "ProducerConsumer.run([[1, 2, 3], null], 2, 2)",
                () -> run.run(Arrays.asList(List.of(1, 2, 3), null), 2, 2));
        StudentCall.expectThrows(NullPointerException.class, "ProducerConsumer.run([[1, null, 3]], 2, 2)",
                () -> run.run(List.of(Arrays.asList(1, null, 3)), 2, 2));
        List<Thread> left = guard.leaked(GRACE);
        if (!left.isEmpty()) {
            throw CheckFailure.of("queue.pc.threads-left", Messages.get("queue.pc.rejected-calls"), left.size(),
                    seconds(GRACE), ThreadDump.describe(left));
        }
    }

    // ================================================================ helpers

    /**
     * Producer lists with distinct items: producer 0 makes 0, 1, 2 ..., producer 1 makes -1, -2,
     * -3 ... (so a pill chosen as 0 or -1 is caught), producer 2 makes 100000, 100001 ... and so on.
     */
    static List<List<Integer>> items(int[] counts) {
        List<List<Integer>> work = new ArrayList<>();
        for (int p = 0; p < counts.length; p++) {
            List<Integer> mine = new ArrayList<>();
            int base = (p / 2) * 100_000;
            for (int i = 0; i < counts[p]; i++) {
                mine.add(p % 2 == 0 ? base + i : -(base + i + 1));
            }
            work.add(List.copyOf(mine));
        }
        return List.copyOf(work);
    }

    static String describe(List<?> producersOrCounts, int consumers, int capacity) {
        String counts = producersOrCounts.stream()
                .map(p -> String.valueOf(p instanceof List<?> l ? l.size() : p))
                .collect(Collectors.joining(", "));
        return Messages.get("queue.pc.shape", producersOrCounts.size(), counts, consumers, capacity);
    }

    /** Fails unless {@code got} holds exactly the produced items, each once. */
    static <T> void exactlyOnce(String what, List<List<T>> produced, List<T> got) {
        CheckFailure.require(got != null, "queue.pc.null-result", what);
        List<Object> expected = new ArrayList<>();
        produced.forEach(expected::addAll);
        Tally tally = Tally.of(expected, new ArrayList<>(got));
        if (!tally.foreign.isEmpty()) {
            throw CheckFailure.of("queue.pc.foreign", what, tally.describe());
        }
        if (!tally.twice.isEmpty()) {
            throw CheckFailure.of("queue.pc.duplicated", what, tally.describe());
        }
        if (!tally.missing.isEmpty()) {
            throw CheckFailure.of("queue.pc.lost", what, expected.size(), got.size(), tally.describe());
        }
    }

    static boolean sameItems(List<?> expected, List<?> got) {
        return Tally.of(new ArrayList<>(expected), new ArrayList<>(got)).exact();
    }

    /** How a list of results differs from the expected items, as multisets. */
    record Tally(List<Object> missing, List<Object> twice, List<Object> foreign) {
        static Tally of(List<Object> expected, List<Object> got) {
            Map<Object, Integer> left = new HashMap<>();
            for (Object e : expected) {
                left.merge(e, 1, Integer::sum);
            }
            List<Object> twice = new ArrayList<>();
            List<Object> foreign = new ArrayList<>();
            Map<Object, Integer> produced = new HashMap<>(left);
            for (Object g : got) {
                Integer n = left.get(g);
                if (n == null) {
                    (produced.containsKey(g) ? twice : foreign).add(g);
                } else if (n == 1) {
                    left.remove(g);
                } else {
                    left.put(g, n - 1);
                }
            }
            List<Object> missing = new ArrayList<>();
            Map<Object, Integer> ordered = new LinkedHashMap<>();
            for (Object e : expected) {
                if (left.containsKey(e) && !ordered.containsKey(e)) {
                    ordered.put(e, left.get(e));
                }
            }
            ordered.forEach((item, n) -> {
                for (int i = 0; i < n; i++) {
                    missing.add(item);
                }
            });
            return new Tally(missing, twice, foreign);
        }

        boolean exact() {
            return missing.isEmpty() && twice.isEmpty() && foreign.isEmpty();
        }

        String describe() {
            List<String> parts = new ArrayList<>();
            if (!missing.isEmpty()) {
                parts.add(Messages.get("queue.tally.missing", missing.size(), sample(missing)));
            }
            if (!twice.isEmpty()) {
                parts.add(Messages.get("queue.tally.twice", twice.size(), sample(twice)));
            }
            if (!foreign.isEmpty()) {
                parts.add(Messages.get("queue.tally.foreign", foreign.size(), sample(foreign)));
            }
            return String.join("; ", parts);
        }

        private static String sample(List<Object> items) {
            String shown = items.stream().limit(5).map(QueueChecks::show).collect(Collectors.joining(", "));
            return items.size() > 5 ? shown + ", ..." : shown;
        }
    }

    /** An item for a message: strings quoted, other objects named by class when they have no useful toString. */
    static String show(Object item) {
        if (item == null) {
            return "null";
        }
        if (item instanceof String s) {
            return "\"" + s + "\"";
        }
        if (item instanceof Number) {
            return item.toString();
        }
        String text = String.valueOf(item);
        return text.startsWith("java.lang.Object@") ? Messages.get("queue.foreign-object", text) : text;
    }

    static String seconds(Duration d) {
        return Timing.limitText(d);
    }

    private static void rethrow(Throwable t) throws Exception {
        if (t instanceof Exception e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
    }

    /**
     * Runs a property's examples under a time limit; after the first hang, the later examples
     * (QuickTheories shrinking towards a smaller one) are skipped, so a hang costs one limit, not
     * one per shrink step, and the report shows the example that hung.
     */
    static final class HangGuard {
        private CheckFailure hung;

        void run(String what, Duration limit, StudentCall.Body body) throws Exception {
            if (hung != null) {
                return;
            }
            try {
                StudentCall.run(what, limit, body);
            } catch (CheckFailure f) {
                if ("harness.timeout".equals(f.key())) {
                    hung = f;
                }
                throw f;
            }
        }
    }

    /** One call into the buffer on a thread of its own, so the check can watch it wait. */
    static final class Pending {
        private static final List<Pending> STARTED = new CopyOnWriteArrayList<>();
        /** What a call without a result (put) returns, so that its outcome reads "returned", not "returned null". */
        static final Object VOID = new Object();
        final Thread thread;
        final ThreadWatch watch;
        private volatile Object value;
        private volatile Throwable failure;

        private Pending(String name, Callable<Object> call) {
            this.thread = new Thread(() -> {
                try {
                    value = call.call();
                } catch (Throwable t) {
                    failure = t;
                }
            }, name);
            LeakGuard.graders(thread);
            this.watch = ThreadWatch.of(thread);
        }

        static Pending start(String name, Callable<Object> call) {
            Pending p = new Pending(name, call);
            STARTED.add(p);
            p.thread.start();
            return p;
        }

        /** Interrupts every call started so far that has not ended, and forgets them. */
        static void stopAll() {
            for (Pending p : STARTED) {
                p.thread.interrupt();
            }
            STARTED.clear();
        }

        Object value() {
            return value;
        }

        Throwable failure() {
            return failure;
        }

        /** The result, rethrowing what the call threw. */
        Object result() throws Exception {
            rethrow(failure);
            return value;
        }

        /** What the call did, in words: returned x, threw y, or still waiting. */
        String outcome() {
            if (thread.isAlive()) {
                return Messages.get("queue.outcome.waiting");
            }
            if (failure != null) {
                return Messages.get("queue.outcome.threw", failure.getClass().getName(), String.valueOf(failure.getMessage()));
            }
            return value == VOID ? Messages.get("queue.outcome.returned-void") : Messages.get("queue.outcome.returned", show(value));
        }
    }

    /**
     * The lock inside a student's buffer, found by reflection so that the grader can hold it and
     * make "another thread got there first" happen every time: a {@link ReentrantLock} field, or
     * the monitor the waiting thread waits on (the buffer itself, or a lock object in a field).
     */
    static final class BufferLock {
        private final ReentrantLock lock;
        private final Object monitor;

        private BufferLock(ReentrantLock lock, Object monitor) {
            this.lock = lock;
            this.monitor = monitor;
        }

        static BufferLock find(Object target, int waitedOn) {
            List<Object> candidates = new ArrayList<>();
            candidates.add(target);
            for (Class<?> c = target.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (f.getType().isPrimitive()) {
                        continue;
                    }
                    try {
                        f.setAccessible(true);
                        Object value = f.get(Modifier.isStatic(f.getModifiers()) ? null : target);
                        if (value != null) {
                            candidates.add(value);
                        }
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        // not readable: not a candidate
                    }
                }
            }
            Object waitedObject = candidates.stream().filter(o -> System.identityHashCode(o) == waitedOn).findFirst().orElse(null);
            ReentrantLock reentrant = (ReentrantLock) candidates.stream().filter(ReentrantLock.class::isInstance)
                    .findFirst().orElse(null);
            if (waitedObject instanceof Condition && reentrant != null) {
                return new BufferLock(reentrant, null);
            }
            if (waitedObject != null && !(waitedObject instanceof Condition)
                    && !(waitedObject instanceof java.util.concurrent.locks.Lock)) {
                return new BufferLock(null, waitedObject);
            }
            if (reentrant != null) {
                return new BufferLock(reentrant, null);
            }
            return new BufferLock(null, null);
        }

        boolean found() {
            return lock != null || monitor != null;
        }

        /** Waits until both calls are waiting inside the buffer (not queued to get its lock). */
        void awaitWaiting(List<Pending> calls) throws InterruptedException {
            long deadline = System.nanoTime() + WAKE.toNanos();
            while (System.nanoTime() < deadline) {
                boolean waiting = calls.stream().allMatch(p -> {
                    Thread.State s = p.thread.getState();
                    return s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING
                            || (!found() && s == Thread.State.BLOCKED);
                });
                if (waiting && (lock == null || (!lock.isLocked() && !lock.hasQueuedThreads()))) {
                    return;
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                LockSupport.parkNanos(200_000);
            }
        }

        /** Runs {@code body} holding the buffer's lock (reentrant: the buffer's own calls get it again). */
        Object hold(Callable<Object> body) throws Exception {
            if (lock != null) {
                lock.lock();
                try {
                    return body.call();
                } finally {
                    lock.unlock();
                }
            }
            if (monitor != null) {
                synchronized (monitor) {
                    return body.call();
                }
            }
            return body.call();
        }
    }

    // ================================================================ graded checks (rubric ids)

    @Test
    @Order(1)
    public void bufferFifoAndCapacityProperty() throws Exception {
        fifoAndCapacity("bufferFifoAndCapacityProperty", c -> studentBuffer(c));
    }

    @Test
    @Order(2)
    public void bufferRejectsBadArguments() throws Exception {
        rejectsBadArguments(c -> studentBuffer(c));
    }

    @Test
    @Order(2)
    public void bufferBuiltWithALock() throws Exception {
        builtWithALock(c -> studentBuffer(c));
    }

    @Test
    @Order(3)
    public void bufferBlocksWhileFullOrEmpty() throws Exception {
        blocksWhileFullOrEmpty(c -> studentBuffer(c));
    }

    @Test
    @Order(4)
    public void bufferRechecksAfterWakeup() throws Exception {
        rechecksAfterWakeup(c -> studentBuffer(c));
    }

    @Test
    @Order(5)
    public void bufferWaitsWithoutBusyWaiting() throws Exception {
        waitsWithoutBusyWaiting(c -> studentBuffer(c));
    }

    @Test
    @Order(6)
    public void bufferInterruptible() throws Exception {
        interruptible(c -> studentBuffer(c));
    }

    @Test
    @Order(7)
    public void producerConsumerHeadline() throws Exception {
        headline(ProducerConsumer::run);
    }

    @Test
    @Order(8)
    public void producerConsumerExactlyOnceProperty() throws Exception {
        exactlyOnceProperty("producerConsumerExactlyOnceProperty", ProducerConsumer::run);
    }

    @Test
    @Order(9)
    public void producerConsumerTerminates() throws Exception {
        terminates(ProducerConsumer::run);
    }

    @Test
    @Order(10)
    public void producerConsumerLeavesNoThreads() throws Exception {
        leavesNoThreads(ProducerConsumer::run);
    }

    @Test
    @Order(11)
    public void producerConsumerKeepsProducerOrder() throws Exception {
        keepsProducerOrder(ProducerConsumer::run);
    }

    @Test
    @Order(12)
    public void producerConsumerRejectsBadArguments() throws Exception {
        runRejectsBadArguments(ProducerConsumer::run);
    }

    @Test
    @Order(13)
    public void bufferLinearizable() throws Exception {
        linearizable(c -> studentBuffer(c));
    }

    @Test
    @Order(14)
    public void bufferNoLostWakeup() throws Exception {
        noLostWakeup(c -> studentBuffer(c));
    }
}
