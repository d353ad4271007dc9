package lab.grader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import lab.grader.i18n.Messages;
import lab.grader.rubric.ExerciseSpec;
import lab.grader.rubric.Rubric;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mvn verify} runs this: grade the implementation under test and write every report.
 *
 * <p>It exits 0 once the reports are written, whatever the score, so that the HTML report is still
 * generated; {@link ScoreGate} then fails the build if a check failed. It exits 2 on bad arguments.
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
        Rubric rubric = Rubric.load();
        List<ExerciseSpec> selected;
        try {
            selected = rubric.select(exercise);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        if (!Files.exists(impl)) {
            System.err.println(Messages.get("cli.no-impl", impl));
            return 2;
        }
        if (timeLimit < 1) {
            System.err.println(Messages.get("cli.bad-time-limit", timeLimit));
            return 2;
        }
        new Grading(label, System.getProperty("java.class.path"), List.of(impl), Grading.standardFlags(jvmFlags),
                Duration.ofSeconds(timeLimit), out, xmlDir)
                .run(selected, System.out);
        return 0;
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
