package lab.grader.spotbugs;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import lab.grader.Grading;
import lab.grader.i18n.Messages;
import lab.grader.rubric.ExerciseSpec;

/**
 * SpotBugs' findings in the classes of the exercises that will run, once for a whole grading run, in
 * a JVM of its own ({@link SecondOpinion#of}) started at once on a thread of the grader's. It holds a
 * core while it runs (batch grading shares the machine's cores), and an exercise that needs more than
 * the cores left beside it waits for it to end ({@link #mayRunBeside}): nothing that measures time or
 * needs every core for its races runs beside it.
 */
public final class SecondOpinionRun {
    /** Holds a core of the machine until closed. */
    @FunctionalInterface
    public interface CoreHolder {
        Grading.Held hold() throws InterruptedException;
    }

    private final FutureTask<SecondOpinion> task;
    private boolean reported;

    private SecondOpinionRun(FutureTask<SecondOpinion> task, boolean reported) {
        this.task = task;
        this.reported = reported;
    }

    /** Starts SpotBugs on {@code folders} (one per exercise; none: no JVM, no findings). */
    public static SecondOpinionRun start(List<Path> folders, String java, String graderClasspath, CoreHolder core) {
        FutureTask<SecondOpinion> task = new FutureTask<>(() -> {
            if (folders.isEmpty()) {
                return new SecondOpinion(Map.of(), null, 0);
            }
            try (Grading.Held held = core.hold()) {
                return SecondOpinion.of(java, graderClasspath, folders);
            }
        });
        Thread runner = new Thread(task, "grader-spotbugs");
        runner.setDaemon(true);
        runner.start();
        return new SecondOpinionRun(task, folders.isEmpty());
    }

    /** Whether {@code spec} may be graded while SpotBugs runs: it needs one core, and the machine has another. */
    public boolean mayRunBeside(ExerciseSpec spec) {
        return spec.cores() != null && spec.cores() + 1 <= Runtime.getRuntime().availableProcessors();
    }

    /** SpotBugs' findings, waiting for them if need be. */
    public SecondOpinion result() throws InterruptedException {
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InterruptedException ie) {
                throw ie;
            }
            return new SecondOpinion(Map.of(), String.valueOf(e.getCause()), 0);
        }
    }

    /** Waits for SpotBugs, says once on the console what it found, and returns it. */
    public SecondOpinion finish(PrintStream console) throws InterruptedException {
        SecondOpinion opinion = result();
        if (!reported) {
            reported = true;
            console.println(Messages.get("progress.spotbugs") + Messages.get("progress.spotbugs.done",
                    opinion.byExercise().values().stream().mapToInt(List::size).sum(), opinion.millis() / 1000.0));
        }
        return opinion;
    }
}
