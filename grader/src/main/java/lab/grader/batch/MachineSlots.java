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
 */
public final class MachineSlots {
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
        return () -> free.release(permits);
    }

    /** Holds the cores grading {@code exercise} needs. */
    public Grading.Held hold(ExerciseSpec exercise) throws InterruptedException {
        return hold(need(exercise));
    }
}
