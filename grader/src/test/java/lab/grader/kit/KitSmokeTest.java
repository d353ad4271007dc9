package lab.grader.kit;

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
import java.util.List;
import java.util.stream.Collectors;
import lab.grader.Grading;
import lab.grader.report.GradeReport;
import lab.grader.rubric.Rubric;
import lab.grader.run.ExerciseResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kit works on this machine: grading the untouched stubs of {@code exercises/} gives 0 on every
 * exercise, and every report is written. It ships with the student edition (where it is what
 * {@code mvn verify -Pselftest} runs) and runs in the instructor's copy too.
 */
class KitSmokeTest {
    static final Path ROOT = Path.of(System.getProperty("lab.root", "..")).toAbsolutePath().normalize();

    @Test
    void stubsScoreZeroAndEveryReportIsWritten(@TempDir Path out) throws Exception {
        String graderClasspath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.contains(File.separator + "exercises" + File.separator + "target")
                        && !e.contains(File.separator + "solutions" + File.separator + "target"))
                .collect(Collectors.joining(File.pathSeparator));
        Grading grading = new Grading("exercises", graderClasspath, List.of(ROOT.resolve("exercises/target/classes")),
                Grading.standardFlags(System.getProperty("lab.jvm.flags", "")), Duration.ofMinutes(10),
                out.resolve("grade"), out.resolve("surefire-reports"));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        GradeReport report = grading.run(Rubric.load().exercises(), new PrintStream(console, true, StandardCharsets.UTF_8));
        System.out.println(console.toString(StandardCharsets.UTF_8));

        for (ExerciseResult e : report.exercises()) {
            assertEquals(0, e.points(), () -> e.spec().id() + " stubs earned points: " + e.checks().stream()
                    .filter(c -> c.passed()).map(c -> c.id()).collect(Collectors.joining(", ")));
        }
        JsonNode json = new ObjectMapper().readTree(out.resolve("grade/results.json").toFile());
        assertEquals(0, json.get("score").asInt());
        assertEquals(Rubric.load().maxPoints(), json.get("max_score").asInt());
        assertEquals(report.exercises().stream().mapToInt(e -> e.checks().size()).sum(), json.get("tests").size());
        for (JsonNode t : json.get("tests")) {
            assertTrue(Rubric.load().ids().contains(t.get("tags").get(0).asText()), "first tag is the exercise id");
        }
        assertTrue(Files.readString(out.resolve("grade/summary.md")).contains("| **total** | **0/"));
        JsonNode classroom = new ObjectMapper().readTree(out.resolve("grade/autograding.json").toFile());
        assertEquals("fail", classroom.get("status").asText());
        assertEquals(Rubric.load().maxPoints(), classroom.get("max_score").asInt());
        for (ExerciseResult e : report.exercises()) {
            assertTrue(Files.exists(out.resolve("surefire-reports/TEST-" + e.spec().checksClass() + ".xml")));
        }
        assertTrue(console.toString(StandardCharsets.UTF_8).contains("total"));
        // The report page: a section per exercise, every check listed, the console's last line links it.
        Path page = out.resolve("grade/report.html");
        org.jsoup.nodes.Document html = org.jsoup.Jsoup.parse(page.toFile(), "UTF-8");
        assertEquals(report.exercises().size(), html.select("section.exercise").size());
        assertEquals(report.exercises().stream().mapToInt(e -> e.checks().size()).sum(), html.select("li.check").size());
        assertTrue(console.toString(StandardCharsets.UTF_8).strip().endsWith(page.toAbsolutePath().toUri().toString()));
    }
}
