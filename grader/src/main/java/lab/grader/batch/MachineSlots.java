package lab.grader.batch;

import java.util.concurrent.Semaphore;
import lab.grader.Grading;
import lab.grader.rubric.ExerciseSpec;

/**
 * The machine's cores, shared by the submissions a batch grades at once, so that grading several at
 * once never changes a verdict.
 *
 * <p>The checks measure concurrency: races show only when threads really run at the same time, and
 * speedups are judged against the cores the JVM sees. So an exercise's grading JVMs run only while
 * they hold the cores the rubric says they need ({@code "cores"}; by default the whole machine), and
 * compiling a submission holds one core. On a machine with fewer cores than two grading JVMs need,
 * grading JVMs never overlap at all and only the rest (reading submissions, writing reports) does.
 * Waiting for cores does not count against a submission's time limit (see {@code Grading.Hooks}).
 *
 * <p>A student's own run shares out the cores the same way ({@link #THIS_JVM}): the parts of exercises
 * that need one core (see {@code CheckSpec.cores}) run two at a time on two cores, and a part that
 * needs the whole machine waits until it has it.
 */
public final class MachineSlots {
    /** The cores of this machine, for gradings that are not given slots of their own (a student's run). */
    public static final MachineSlots THIS_JVM = new MachineSlots(Runtime.getRuntime().availableProcessors());

    private final int cores;
    private final Semaphore free;

    /** @param cores the cores to share out (normally {@code Runtime.availableProcessors()}) */
    public MachineSlots(int cores) {
        this.cores = Math.max(1, cores);
        this.free = new Semaphore(this.cores, true); // fair: an exercise that needs every core is not starved
    }

    public int cores() {
        return cores;
    }

    /** The cores grading {@code exercise} holds: the rubric's {@code cores}, or all of them. */
    public int need(ExerciseSpec exercise) {
        Integer wanted = exercise.cores();
        return wanted == null ? cores : Math.max(1, Math.min(cores, wanted));
    }

    /** Holds {@code n} cores until the returned handle is closed. */
    public Grading.Held hold(int n) throws InterruptedException {
        int permits = Math.max(1, Math.min(cores, n));
        free.acquire(permits);
        java.util.concurrent.atomic.AtomicBoolean given = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (given.compareAndSet(false, true)) { // given back once, however often it is closed
                free.release(permits);
            }
        };
    }

    /** Holds the cores grading {@code exercise} needs. */
    public Grading.Held hold(ExerciseSpec exercise) throws InterruptedException {
        return hold(need(exercise));
    }

    /** Holds {@code wanted} cores, or the whole machine when null (the rubric's {@code "all"}). */
    public Grading.Held hold(Integer wanted) throws InterruptedException {
        return hold(wanted == null ? cores : wanted.intValue());
    }
}
