package lab.grader;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import lab.grader.i18n.Messages;
import lab.grader.report.ClassroomResults;
import lab.grader.report.ConsoleReport;
import lab.grader.report.GradeReport;
import lab.grader.report.GradescopeResults;
import lab.grader.report.MarkdownSummary;
import lab.grader.report.SurefireXml;
import lab.grader.rubric.CheckSpec;
import lab.grader.rubric.ExerciseSpec;
import lab.grader.run.CheckResult;
import lab.grader.run.ExerciseResult;
import lab.grader.run.ExerciseRunner;

/**
 * One grading run: every selected exercise in its own JVMs, one after the other (so that timing
 * checks never compete with another exercise for the cores), then every report.
 *
 * @param graded what is graded, for the report title
 * @param graderClasspath the grader's own classpath
 * @param implementation the compiled implementation under test (folders or jars; the first wins)
 * @param jvmFlags flags for every grading JVM
 * @param timeLimit the whole run's hard limit; what did not finish by then counts as failed
 * @param outDir where results.json and summary.md go
 * @param xmlDir where the Surefire-format XML goes
 */
public record Grading(String graded, String graderClasspath, List<Path> implementation, List<String> jvmFlags, Duration timeLimit, Path outDir,
        Path xmlDir) {

    /** The JVM flags every grading JVM gets, besides Lincheck's: a heap limit, this run's language (always) and seed (when given). */
    public static List<String> standardFlags(String lincheckFlags) {
        List<String> flags = new ArrayList<>(List.of("-Xmx512m", "-Xss1m", "-Dfile.encoding=UTF-8"));
        for (String f : lincheckFlags.trim().split("\\s+")) {
            if (!f.isBlank()) {
                flags.add(f);
            }
        }
        // The language this JVM chose (-Dlang, else its default locale), passed on explicitly: a grading
        // JVM's own default locale may differ (-Duser.language given to this JVM only, another LANG), and
        // its messages must be in the same language as the table around them.
        flags.add("-Dlang=" + Messages.locale().toLanguageTag());
        String seed = System.getProperty("seed", "");
        if (!seed.isBlank()) {
            flags.add("-Dseed=" + seed.trim());
        }
        return flags;
    }

    /**
     * What a caller (the batch grader) may add around each exercise. The defaults grade every exercise
     * and hold nothing.
     */
    public interface Hooks {
        /** A result to report instead of grading the exercise (its code did not compile, say), or null to grade it. */
        default ExerciseResult instead(ExerciseSpec exercise) {
            return null;
        }

        /** Taken before the exercise's grading JVMs start, closed when they have ended. */
        default Held hold(ExerciseSpec exercise) throws InterruptedException {
            return () -> { };
        }
    }

    /** Something held for a while (cores of the machine, say), given back by {@link #close()}, which cannot fail. */
    @FunctionalInterface
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** Grades the exercises, writes every report, prints progress and the table to {@code console}. */
    public GradeReport run(List<ExerciseSpec> exercises, PrintStream console) throws IOException, InterruptedException {
        return run(exercises, console, new Hooks() { });
    }

    /** As {@link #run(List, PrintStream)}, with the caller's {@link Hooks} around each exercise. */
    public GradeReport run(List<ExerciseSpec> exercises, PrintStream console, Hooks hooks) throws IOException, InterruptedException {
        Files.createDirectories(outDir);
        Files.createDirectories(xmlDir);
        // Stale XML from an earlier run would leak into the HTML report.
        try (var old = Files.list(xmlDir)) {
            for (Path p : old.filter(p -> p.getFileName().toString().startsWith("TEST-")).toList()) {
                Files.delete(p);
            }
        }
        long start = System.nanoTime();
        Instant deadline = Instant.now().plus(timeLimit);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ExerciseRunner runner = new ExerciseRunner(java, jvmFlags, graderClasspath, implementation);
        long waited = 0;
        List<ExerciseResult> results = new ArrayList<>();
        for (ExerciseSpec spec : exercises) {
            ExerciseResult r = hooks.instead(spec);
            if (r != null) {
                results.add(r);
                continue;
            }
            if (Instant.now().isBefore(deadline)) {
                console.print(Messages.get("progress.grading", spec.id()));
                console.flush();
                long waitStart = System.nanoTime();
                try (Held held = hooks.hold(spec)) {
                    // Time spent waiting for the machine (batch grading) is not this run's grading time.
                    long wait = System.nanoTime() - waitStart;
                    waited += wait;
                    deadline = deadline.plusNanos(wait);
                    r = runner.run(spec, deadline);
                }
                console.println(Messages.get("progress.done", r.points(), spec.maxPoints(), r.millis() / 1000.0));
            } else {
                r = outOfTime(spec);
            }
            results.add(r);
        }
        // Written only after every grading JVM has ended, and anything else named TEST-* removed: code
        // under test may have dropped files there, and the HTML report must show only real results.
        try (var stray = Files.list(xmlDir)) {
            for (Path p : stray.filter(p -> p.getFileName().toString().startsWith("TEST-")).toList()) {
                Files.delete(p);
            }
        }
        for (ExerciseResult r : results) {
            SurefireXml.write(r, xmlDir);
        }
        GradeReport report = new GradeReport(graded, results, (System.nanoTime() - start - waited) / 1_000_000);
        GradescopeResults.write(report, outDir.resolve("results.json"));
        MarkdownSummary.write(report, outDir.resolve("summary.md"));
        ClassroomResults.write(report, outDir.resolve("autograding.json"));
        new ConsoleReport(ConsoleReport.colourWanted()).print(report, console);
        return report;
    }

    private static ExerciseResult outOfTime(ExerciseSpec spec) {
        String why = Messages.get("run.time-limit");
        List<CheckResult> checks = spec.checks().stream().map(CheckSpec::id)
                .map(id -> CheckResult.notRun(id, "run.time-limit", why)).toList();
        return new ExerciseResult(spec, checks, java.util.Map.of(), why, false, "", 0);
    }
}
