package lab.grader.sandbox;

import java.nio.file.Path;
import java.util.List;

/**
 * How a process that runs or reads submitted code (a grading JVM, the compiler) is started: as it is,
 * or inside an OS sandbox that sees only what it needs.
 *
 * <p>Every process the grader starts for a submission goes through one of these, so the choice is
 * made once per run (batch grading, Gradescope: the sandbox; a student's own {@code mvn verify}: none).
 */
public interface Sandbox {
    /**
     * A process builder for {@code command}, run in {@code workDir} (its only writable folder, which the
     * caller creates and deletes), able to read {@code readable} (files or folders; the JDK is always
     * readable) and nothing else of the machine, with a minimal environment.
     */
    ProcessBuilder prepare(List<String> command, Path workDir, List<Path> readable);

    /**
     * As {@link #prepare}, for a process whose writes need not outlive it (a grading JVM): a sandbox may
     * give it a private, size-limited scratch folder at {@code workDir} instead of the real one.
     */
    default ProcessBuilder prepareScratch(List<String> command, Path workDir, List<Path> readable) {
        return prepare(command, workDir, readable);
    }

    /**
     * Where a process started by the next {@link #prepareScratch} call in {@code workDir} finds each of
     * {@code readable}: the same path (a sandbox that mounts it), or a copy it may read (a sandbox that
     * relies on file permissions). Called before the command is built, so the command names what it returns.
     */
    default java.util.Map<Path, Path> stage(List<Path> readable, Path workDir) throws java.io.IOException {
        java.util.Map<Path, Path> same = new java.util.LinkedHashMap<>();
        readable.forEach(p -> same.put(p, p));
        return same;
    }

    /** Called once a process started through this sandbox has ended: whatever it left behind is ended too. */
    default void ended(ProcessBuilder started) {
    }

    /** What the reports say about this run: "none" (not sandboxed) or the sandbox's name. */
    String mode();

    /** No sandbox: the process runs as the grader's own user, with the grader's view of the machine. */
    Sandbox NONE = new Sandbox() {
        @Override
        public ProcessBuilder prepare(List<String> command, Path workDir, List<Path> readable) {
            return new ProcessBuilder(command).directory(workDir.toFile());
        }

        @Override
        public String mode() {
            return "none";
        }
    };
}
