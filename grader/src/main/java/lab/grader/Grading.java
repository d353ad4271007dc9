package lab.grader;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import lab.grader.i18n.Messages;
import lab.grader.integrity.ForbiddenApis;
import lab.grader.integrity.GradedClasses;
import lab.grader.integrity.GraderClasspath;
import lab.grader.report.ClassroomResults;
import lab.grader.report.ConsoleReport;
import lab.grader.report.GradeReport;
import lab.grader.report.GradescopeResults;
import lab.grader.report.Machine;
import lab.grader.report.MarkdownSummary;
import lab.grader.report.html.ReportPage;
import lab.grader.report.SurefireXml;
import lab.grader.rubric.CheckSpec;
import lab.grader.rubric.ExerciseSpec;
import lab.grader.rubric.Rubric;
import lab.grader.run.CheckResult;
import lab.grader.run.ExerciseResult;
import lab.grader.run.ExercisePart;
import lab.grader.run.ExerciseRunner;
import lab.grader.run.Folders;
import lab.grader.run.PartSchedule;
import lab.grader.run.SharedClasses;
import lab.grader.batch.MachineSlots;
import lab.grader.run.ShortJvm;
import lab.grader.sandbox.Sandbox;
import lab.grader.sandbox.Sandboxes;
import lab.grader.spotbugs.SecondOpinion;
import lab.grader.spotbugs.SecondOpinionRun;
import lab.grader.spotbugs.SpotBugsVerdicts;

/**
 * One grading run: every selected exercise in JVMs of its own, then every report. An exercise's checks
 * are graded in parts by the cores they need ({@link ExercisePart}): parts that need one core run side
 * by side, a part whose verdicts rest on timing or on free cores has the machine to itself
 * ({@link PartSchedule}).
 *
 * @param graded what is graded, for the report title
 * @param graderClasspath the grader's own classpath
 * @param implementation the compiled implementation under test (folders or jars; the first wins)
 * @param jvmFlags flags for every grading JVM
 * @param timeLimit the whole run's hard limit; what did not finish by then counts as failed
 * @param outDir where results.json and summary.md go
 * @param xmlDir where the Surefire-format XML goes
 * @param sandbox how grading JVMs are started (batch grading and Gradescope: in the OS sandbox)
 * @param checkApis whether the forbidden-API check runs before any submitted code does (always, but in
 *        the project's own tests of what the grading JVM does with code that gets past it)
 * @param untrusted true when grading someone else's code (batch, Gradescope): hidden checks report only
 *        pass or fail, never what they printed or said
 */
public record Grading(String graded, String graderClasspath, List<Path> implementation, List<String> jvmFlags, Duration timeLimit, Path outDir,
        Path xmlDir, Sandbox sandbox, boolean checkApis, boolean untrusted) {

    /** A student's own run: no sandbox, the forbidden-API check on. */
    public Grading(String graded, String graderClasspath, List<Path> implementation, List<String> jvmFlags, Duration timeLimit,
            Path outDir, Path xmlDir) {
        this(graded, graderClasspath, implementation, jvmFlags, timeLimit, outDir, xmlDir, Sandbox.NONE, true, false);
    }

    /** The same run for someone else's code, started through {@code sandbox}. */
    public Grading untrustedIn(Sandbox sandbox) {
        return new Grading(graded, graderClasspath, implementation, jvmFlags, timeLimit, outDir, xmlDir, sandbox, checkApis, true);
    }

    /** The same run without the forbidden-API check: only for tests of what happens to code that gets past it. */
    public Grading withoutApiCheck() {
        return new Grading(graded, graderClasspath, implementation, jvmFlags, timeLimit, outDir, xmlDir, sandbox, false, untrusted);
    }

    /** The JVM flags every grading JVM gets, besides Lincheck's: a heap limit, this run's language (always) and seed (when given). */
    public static List<String> standardFlags(String lincheckFlags) {
        List<String> flags = new ArrayList<>(List.of("-Xmx512m", "-Xss1m", "-Dfile.encoding=UTF-8", ShortJvm.C1_ONLY));
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
     * and share out this JVM's machine ({@link MachineSlots#THIS_JVM}).
     */
    public interface Hooks {
        /** A result to report instead of grading the exercise (its code did not compile, say), or null to grade it. */
        default ExerciseResult instead(ExerciseSpec exercise) {
            return null;
        }

        /**
         * Taken before a part of the exercise's grading JVMs start, closed when they have ended: {@code cores}
         * of the machine, or all of it when null (see {@link ExercisePart}).
         */
        default Held hold(ExerciseSpec exercise, Integer cores) throws InterruptedException {
            return MachineSlots.THIS_JVM.hold(cores);
        }

        /** One core, taken while the run's own tools (SpotBugs) work beside the exercises. */
        default Held holdCore() throws InterruptedException {
            return MachineSlots.THIS_JVM.hold(1);
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
        Path scratch = Files.createTempDirectory("lab-graded-");
        try {
            return grade(exercises, console, hooks, start, deadline, scratch);
        } finally {
            Folders.deleteQuietly(scratch);
        }
    }

    private GradeReport grade(List<ExerciseSpec> exercises, PrintStream console, Hooks hooks, long start, Instant deadline, Path scratch)
            throws IOException, InterruptedException {
        // Only the exercises' own packages reach a grading JVM, and after the grader's classes on its class path.
        GradedClasses graded = GradedClasses.copy(implementation, Rubric.load().ids(), scratch.resolve("classes"));
        List<String> notes = new ArrayList<>();
        if (!graded.refused().isEmpty()) {
            notes.add(Messages.get("placement.refused", String.join(", ", graded.refusedClassNames())));
        }
        if (untrusted) {
            notes.add(Sandboxes.reportLine(sandbox));
        }
        Map<String, List<ForbiddenApis.Use>> forbidden = checkApis ? ForbiddenApis.check(graded.folder()) : Map.of();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ExerciseRunner runner = runner(java, graded, scratch);
        Machine.LoadWatch load = new Machine.LoadWatch();
        List<ExerciseResult> results = new ArrayList<>();
        List<ExercisePart> parts = new ArrayList<>();
        Map<ExerciseSpec, List<ExerciseResult>> partsDone = new java.util.HashMap<>();
        Map<ExerciseSpec, Integer> partsOf = new java.util.HashMap<>();
        for (ExerciseSpec spec : exercises) {
            ExerciseResult r = hooks.instead(spec);
            if (r == null && forbidden.containsKey(spec.id())) {
                r = notRun(spec, "api.forbidden", ForbiddenApis.message(forbidden.get(spec.id())), Messages.get("api.not-run"));
            }
            if (r != null) {
                results.add(r);
            } else {
                List<ExercisePart> own = ExercisePart.of(spec);
                parts.addAll(own);
                partsDone.put(spec, new ArrayList<>());
                partsOf.put(spec, own.size());
            }
        }
        // Parts that need one core first (SpotBugs, threads, async, Lincheck, structure and argument
        // checks: two at a time on two cores), then those that need the whole machine (races, timings),
        // one at a time; the rubric's order within each. The reports keep the rubric's order.
        int cores = Runtime.getRuntime().availableProcessors();
        parts.sort(Comparator.comparing((ExercisePart part) -> !part.besideOthers(cores)));
        // SpotBugs takes its core first (it runs a few seconds, beside the one-core parts).
        List<Path> notStopped = exercises.stream().filter(e -> !forbidden.containsKey(e.id()) && partsDone.containsKey(e))
                .map(e -> graded.folder().resolve("lab").resolve(e.id())).filter(Files::isDirectory).toList();
        long waited;
        String advice;
        try (PartSchedule schedule = new PartSchedule(parts, part -> hooks.hold(part.exercise(), part.cores()), runner::run,
                deadline, Grading::outOfTime)) {
            long spotbugsWait = System.nanoTime();
            SecondOpinionRun spotbugs = SecondOpinionRun.start(notStopped, java, graderClasspath, () -> {
                Held core = hooks.holdCore();
                Held busy = schedule.alsoBusy(); // waiting for SpotBugs is waiting for this run's own work
                return () -> {
                    busy.close();
                    core.close();
                };
            });
            // Time spent waiting for a machine busy with others' work (batch grading) is not grading time.
            spotbugsWait = System.nanoTime() - spotbugsWait;
            schedule.start(spotbugsWait);
            for (int i = 0; i < schedule.count(); i++) {
                PartSchedule.Done done = schedule.next();
                List<ExerciseResult> sofar = partsDone.get(done.part().exercise());
                sofar.add(done.result());
                ExerciseSpec spec = done.part().exercise();
                if (sofar.size() < partsOf.get(spec)) {
                    continue;
                }
                ExerciseResult r = ExerciseResult.merge(spec, sofar);
                r = SpotBugsVerdicts.apply(r, spotbugs.finish(console).of(spec.id()));
                load.sample();
                console.println(Messages.get("progress.grading", spec.id())
                        + Messages.get("progress.done", r.points(), spec.maxPoints(), r.millis() / 1000.0));
                results.add(r);
            }
            waited = schedule.waitedNanos();
            advice = SpotBugsVerdicts.note(exercises, spotbugs.finish(console));
        }
        results.sort(Comparator.comparingInt((ExerciseResult r) -> exercises.indexOf(r.spec())));
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
        if (advice != null) {
            notes.add(advice);
        }
        GradeReport report = new GradeReport(this.graded, results, (System.nanoTime() - start - waited) / 1_000_000, notes,
                load.machine());
        GradescopeResults.write(report, outDir.resolve("results.json"));
        MarkdownSummary.write(report, outDir.resolve("summary.md"));
        ClassroomResults.write(report, outDir.resolve("autograding.json"));
        Path page = outDir.resolve(ReportPage.FILE);
        ReportPage.write(report, page);
        new ConsoleReport(ConsoleReport.colourWanted()).print(report, console, page);
        return report;
    }

    /**
     * The runner of this grading's JVMs: they start from a class-data archive of the grader's libraries
     * ({@link SharedClasses}, made by the grader before any submitted code runs; a sandbox shows it
     * read-only), where one can be had.
     */
    private ExerciseRunner runner(String java, GradedClasses graded, Path scratch) throws IOException {
        GraderClasspath graderPath = GraderClasspath.of(graderClasspath, scratch.resolve("visible"));
        SharedClasses.Use shared = SharedClasses.prepare(java, jvmFlags, graderPath);
        return shared == null ? new ExerciseRunner(java, jvmFlags, graderPath, List.of(graded.folder()), sandbox, untrusted)
                : new ExerciseRunner(java, shared, List.of(graded.folder()), sandbox, untrusted);
    }

    /** An exercise none of whose checks ran: the full reason on its first graded check, a short one on the rest; 0 points. */
    public static ExerciseResult notRun(ExerciseSpec exercise, String key, String fullMessage, String shortMessage) {
        String first = exercise.checks().stream().filter(c -> c.points() > 0).map(CheckSpec::id).findFirst()
                .orElse(exercise.checks().isEmpty() ? "" : exercise.checks().get(0).id());
        List<CheckResult> checks = exercise.checks().stream()
                .map(c -> CheckResult.notRun(c.id(), key, c.id().equals(first) ? fullMessage : shortMessage)).toList();
        return new ExerciseResult(exercise, checks, java.util.Map.of(), null, false, "", 0);
    }

    private static ExerciseResult outOfTime(ExerciseSpec spec) {
        String why = Messages.get("run.time-limit");
        List<CheckResult> checks = spec.checks().stream().map(CheckSpec::id)
                .map(id -> CheckResult.notRun(id, "run.time-limit", why)).toList();
        return new ExerciseResult(spec, checks, java.util.Map.of(), why, false, "", 0);
    }
}
