package lab.grader.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;
import lab.grader.Grading;
import lab.grader.report.GradeReport;
import lab.grader.rubric.Rubric;
import lab.grader.run.ExerciseResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kit grades itself end to end, exactly as {@code mvn verify} does: the reference solutions
 * score full marks on every exercise, the stubs score 0, and every report is written.
 */
class SelfGradeTest {
    static final Path ROOT = Path.of(System.getProperty("lab.root", "..")).toAbsolutePath().normalize();

    /** The grader's classpath without any implementation module, plus the one to grade. */
    static String classpathFor(String module) {
        String own = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.contains(File.separator + "exercises" + File.separator + "target")
                        && !e.contains(File.separator + "solutions" + File.separator + "target"))
                .collect(Collectors.joining(File.pathSeparator));
        return own + File.pathSeparator + ROOT.resolve(module).resolve("target").resolve("classes");
    }

    static GradeReport grade(String module, Path out) throws Exception {
        Grading grading = new Grading(module, classpathFor(module),
                Grading.standardFlags(System.getProperty("lab.jvm.flags", "")), Duration.ofMinutes(10),
                out.resolve("grade"), out.resolve("surefire-reports"));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        GradeReport report = grading.run(Rubric.load().exercises(), new PrintStream(console, true, StandardCharsets.UTF_8));
        System.out.println(console.toString(StandardCharsets.UTF_8));
        return report;
    }

    @Test
    void solutionsScoreFullMarksOnEveryExercise(@TempDir Path out) throws Exception {
        GradeReport report = grade("solutions", out);
        for (ExerciseResult e : report.exercises()) {
            assertEquals(e.spec().maxPoints(), e.points(), () -> e.spec().id() + ": " + GradeReport.verdict(e) + "\n"
                    + e.checks().stream().filter(c -> !c.passed()).map(c -> c.id() + ": " + c.message())
                            .collect(Collectors.joining("\n")));
        }
        assertEquals(Rubric.load().maxPoints(), report.points());
        assertReportsWritten(out, report);
    }

    @Test
    void stubsScoreZero(@TempDir Path out) throws Exception {
        GradeReport report = grade("exercises", out);
        for (ExerciseResult e : report.exercises()) {
            assertEquals(0, e.points(), () -> e.spec().id() + " stubs earned points: " + e.checks().stream()
                    .filter(c -> c.passed()).map(c -> c.id()).collect(Collectors.joining(", ")));
        }
        assertReportsWritten(out, report);
    }

    static void assertReportsWritten(Path out, GradeReport report) throws Exception {
        JsonNode json = new ObjectMapper().readTree(out.resolve("grade/results.json").toFile());
        assertEquals(report.points(), json.get("score").asInt());
        assertEquals(report.maxPoints(), json.get("max_score").asInt());
        int checks = report.exercises().stream().mapToInt(e -> e.checks().size()).sum();
        assertEquals(checks, json.get("tests").size());
        for (JsonNode t : json.get("tests")) {
            String tag = t.get("tags").get(0).asText();
            assertTrue(Rubric.load().ids().contains(tag), "first tag is the exercise id: " + tag);
        }
        assertTrue(Files.readString(out.resolve("grade/summary.md")).contains("**" + report.points() + "/" + report.maxPoints() + "**"));
        for (ExerciseResult e : report.exercises()) {
            assertTrue(Files.exists(out.resolve("surefire-reports/TEST-" + e.spec().checksClass() + ".xml")));
        }
    }
}
