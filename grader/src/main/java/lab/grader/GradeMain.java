package lab.grader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import lab.grader.i18n.Messages;
import lab.grader.report.GradeReport;
import lab.grader.rubric.ExerciseSpec;
import lab.grader.rubric.Rubric;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mvn verify} runs this: grade the implementation under test and write every report.
 *
 * <p>It exits 0 once the reports are written, whatever the score, so that the HTML report is still
 * generated, and leaves its verdict for the build's score gate: {@code gate.txt} (one line) and, when
 * the build must fail, a {@code FAILED} marker. On bad arguments it does the same and exits 2.
 */
@Command(name = "grade", mixinStandardHelpOptions = true, description = "Grades the Concurrency Lab exercises.")
public final class GradeMain implements Callable<Integer> {

    @Option(names = "--impl", required = true, description = "Compiled classes (folder or jar) of the implementation to grade.")
    Path impl;

    @Option(names = "--label", defaultValue = "exercises", description = "What is graded, for the report title.")
    String label;

    @Option(names = "--exercise", defaultValue = "", description = "Exercise ids to grade, comma separated; empty for all.")
    String exercise;

    @Option(names = "--out", defaultValue = "target/grade", description = "Where results.json and summary.md go.")
    Path out;

    @Option(names = "--xml-dir", defaultValue = "target/surefire-reports", description = "Where the Surefire-format XML goes.")
    Path xmlDir;

    @Option(names = "--jvm-flags", defaultValue = "", description = "Extra flags for every grading JVM (Lincheck's).")
    String jvmFlags;

    @Option(names = "--time-limit", defaultValue = "600", description = "Hard limit of the whole run, in seconds.")
    long timeLimit;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(out);
        Files.deleteIfExists(out.resolve(FAILED));
        Files.deleteIfExists(out.resolve(GATE));
        Rubric rubric = Rubric.load();
        List<ExerciseSpec> selected;
        try {
            selected = rubric.select(exercise);
        } catch (IllegalArgumentException e) {
            return refuse(e.getMessage());
        }
        if (!Files.exists(impl)) {
            return refuse(Messages.get("cli.no-impl", impl));
        }
        if (timeLimit < 1) {
            return refuse(Messages.get("cli.bad-time-limit", timeLimit));
        }
        GradeReport report = new Grading(label, System.getProperty("java.class.path"), List.of(impl),
                Grading.standardFlags(jvmFlags), Duration.ofSeconds(timeLimit), out, xmlDir).run(selected, System.out);
        boolean full = report.points() == report.maxPoints();
        gate(full ? Messages.get("gate.passed", report.points(), report.maxPoints())
                : Messages.get("gate.failed", report.points(), report.maxPoints()), !full);
        return 0;
    }

    static final String GATE = "gate.txt";
    static final String FAILED = "FAILED";

    /** Bad arguments: one line, for the console now and for the score gate that fails the build. */
    private int refuse(String message) throws java.io.IOException {
        System.err.println(message);
        gate(message, true);
        return 2;
    }

    private void gate(String line, boolean fail) throws java.io.IOException {
        Files.writeString(out.resolve(GATE), line, java.nio.charset.StandardCharsets.UTF_8);
        if (fail) {
            Files.writeString(out.resolve(FAILED), line, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new GradeMain());
        cli.setParameterExceptionHandler((ex, a) -> {
            System.err.println(ex.getMessage());
            return 2;
        });
        System.exit(cli.execute(args));
    }
}
