package lab.grader.spotbugs;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import lab.grader.Grading;
import lab.grader.i18n.Messages;

/**
 * SpotBugs' findings in the classes of the exercises that will run, once for a whole grading run, in
 * a JVM of its own ({@link SecondOpinion#of}) started at once on a thread of the grader's. It holds a
 * core of the machine's slots while it runs, so the exercises' one-core parts run beside it and a part
 * that needs the whole machine waits for it to end: nothing that measures time or needs every core for
 * its races runs beside it.
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

    /**
     * Starts SpotBugs on {@code folders} (one per exercise; none: no JVM, no findings). The core it needs
     * is taken here, before this returns, so that SpotBugs starts ahead of the exercises; it is given back
     * when SpotBugs ends.
     */
    public static SecondOpinionRun start(List<Path> folders, String java, String graderClasspath, CoreHolder core)
            throws InterruptedException {
        Grading.Held held = folders.isEmpty() ? () -> { } : core.hold();
        FutureTask<SecondOpinion> task = new FutureTask<>(() -> {
            if (folders.isEmpty()) {
                return new SecondOpinion(Map.of(), null, 0);
            }
            try (held) {
                return SecondOpinion.of(java, graderClasspath, folders);
            }
        });
        Thread runner = new Thread(task, "grader-spotbugs");
        runner.setDaemon(true);
        runner.start();
        return new SecondOpinionRun(task, folders.isEmpty());
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
    public synchronized SecondOpinion finish(PrintStream console) throws InterruptedException {
        SecondOpinion opinion = result();
        if (!reported) {
            reported = true;
            console.println(Messages.get("progress.spotbugs") + Messages.get("progress.spotbugs.done",
                    opinion.byExercise().values().stream().mapToInt(List::size).sum(), opinion.millis() / 1000.0));
        }
        return opinion;
    }
}
