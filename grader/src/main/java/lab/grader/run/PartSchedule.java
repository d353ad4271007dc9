package lab.grader.run;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import lab.grader.Grading;
import lab.grader.rubric.ExerciseSpec;

/**
 * Grades exercise parts ({@link ExercisePart}) as soon as the cores each needs are free: a dispatcher
 * takes the parts in the order given, holds a part's cores (waiting for them if need be), and hands
 * the part to a thread of its own that gives the cores back when its JVMs have ended. So parts that
 * need one core run two at a time on two cores, and a part that needs the whole machine runs alone:
 * no verdict that rests on free cores or on time ever shares the machine.
 *
 * <p>The dispatcher never holds cores while it waits, and takes parts strictly in order, so a part
 * that needs the whole machine is not overtaken by later one-core parts (the machine's slots are fair).
 */
public final class PartSchedule implements AutoCloseable {
    /** Holds the cores a part needs (the machine's slots: see {@code MachineSlots}). */
    @FunctionalInterface
    public interface Cores {
        Grading.Held hold(ExercisePart part) throws InterruptedException;
    }

    /** Grades some checks of an exercise by a deadline: {@link ExerciseRunner#run}. */
    @FunctionalInterface
    public interface Grader {
        ExerciseResult run(ExerciseSpec checks, Instant deadline) throws IOException, InterruptedException;
    }

    /** A part and what its grading gave. */
    public record Done(ExercisePart part, ExerciseResult result) {
    }

    /** -Dgrader.trace=true: each part's start and end on standard error, for the bench scripts (not for students). */
    private static final boolean TRACE = Boolean.getBoolean("grader.trace");
    private static final long T0 = System.nanoTime();
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "grader-part");
        t.setDaemon(true);
        return t;
    });
    private final CompletionService<Done> done = new ExecutorCompletionService<>(threads);
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicLong waitedForMachine = new AtomicLong();
    private final Thread dispatcher;
    private final int count;

    /**
     * Grades {@code parts} in this order, from {@link #start()}.
     *
     * @param deadline the run's deadline; a part that could not start before it (plus the time this run
     *        waited for a machine busy with others' work) is graded by {@code outOfTime}
     */
    public PartSchedule(List<ExercisePart> parts, Cores cores, Grader runner, Instant deadline,
            Function<ExerciseSpec, ExerciseResult> outOfTime) {
        this.count = parts.size();
        this.dispatcher = new Thread(() -> {
            int next = 0;
            try {
                for (; next < parts.size(); next++) {
                    ExercisePart part = parts.get(next);
                    long waitStart = System.nanoTime();
                    boolean idle = busy.get() == 0;
                    Grading.Held held = cores.hold(part);
                    if (idle) {
                        // Nothing of this run was working: the machine was busy with someone else's.
                        waitedForMachine.addAndGet(System.nanoTime() - waitStart);
                    }
                    Instant partDeadline = deadline.plusNanos(waitedForMachine.get());
                    busy.incrementAndGet();
                    done.submit(() -> {
                        long t0 = System.nanoTime();
                        try (held) {
                            trace("start", part, t0);
                            ExerciseResult r = Instant.now().isBefore(partDeadline) ? runner.run(part.checks(), partDeadline)
                                    : outOfTime.apply(part.checks());
                            return new Done(part, r);
                        } finally {
                            trace("end", part, t0);
                            busy.decrementAndGet();
                        }
                    });
                }
            } catch (InterruptedException e) {
                // Stopped: every part not started is reported out of time, so that the count still adds up.
                for (; next < parts.size(); next++) {
                    ExercisePart part = parts.get(next);
                    done.submit(() -> new Done(part, outOfTime.apply(part.checks())));
                }
            }
        }, "grader-dispatch");
        dispatcher.setDaemon(true);
    }

    /**
     * Starts taking the parts.
     *
     * @param waitedNanos time this run already waited for a machine busy with others' work: it moves the
     *        deadline, and counts in {@link #waitedNanos()}
     */
    public void start(long waitedNanos) {
        waitedForMachine.addAndGet(waitedNanos);
        dispatcher.start();
    }

    private static void trace(String what, ExercisePart part, long partStart) {
        if (TRACE) {
            long now = System.nanoTime();
            System.err.printf("TRACE %-5s %s (%d checks, cores %s) at %.2f s, after %.2f s%n", what, part.exercise().id(),
                    part.checks().checks().size(), part.cores() == null ? "all" : part.cores(), (now - T0) / 1e9, (now - partStart) / 1e9);
        }
    }

    /** How many parts there are: {@link #next()} gives each once. */
    public int count() {
        return count;
    }

    /** The next part to finish, waiting for it. */
    public Done next() throws IOException, InterruptedException {
        try {
            return done.take().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof InterruptedException ie) {
                throw ie;
            }
            throw new IllegalStateException("grading a part failed", e.getCause());
        }
    }

    /**
     * Work of this run that is not a part (SpotBugs) but keeps the machine busy for it: while it runs,
     * waiting for cores is waiting for this run's own work, not for someone else's.
     */
    public Grading.Held alsoBusy() {
        busy.incrementAndGet();
        AtomicInteger once = new AtomicInteger();
        return () -> {
            if (once.getAndIncrement() == 0) {
                busy.decrementAndGet();
            }
        };
    }

    /** Time spent waiting for a machine that was busy with work outside this run (batch grading). */
    public long waitedNanos() {
        return waitedForMachine.get();
    }

    /** Stops dispatching and interrupts the parts still running (after an error; normally they have all ended). */
    @Override
    public void close() {
        dispatcher.interrupt();
        threads.shutdownNow();
    }
}
