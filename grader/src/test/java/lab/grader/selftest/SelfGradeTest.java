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
 * score full marks on every exercise (the instructor's hidden checks included), and every report is
 * written, and the stubs score 0 (the student edition proves the same with {@code lab.grader.kit.KitSmokeTest},
 * which {@code lab.grader.instructor.InstructorPackagesTest} runs inside the edition).
 */
class SelfGradeTest {
    static final Path ROOT = Path.of(System.getProperty("lab.root", "..")).toAbsolutePath().normalize();

    /** The grader's classpath without any implementation module (this JVM has one for compiling). */
    public static String graderClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.contains(File.separator + "exercises" + File.separator + "target")
                        && !e.contains(File.separator + "solutions" + File.separator + "target"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /**
     * A module's compiled classes. The solutions are compiled here, once, from {@code solutions/src}:
     * the reactor builds the solutions module after the grader, so its {@code target/classes} may be
     * missing or stale when these tests run.
     */
    public static Path classesOf(String module) {
        return module.equals("solutions") ? solutionsClasses() : ROOT.resolve(module).resolve("target").resolve("classes");
    }

    private static Path solutions;

    private static synchronized Path solutionsClasses() {
        if (solutions == null) {
            try {
                Path out = ROOT.resolve("grader/target/selftest-solutions");
                if (Files.exists(out)) {
                    try (var old = Files.walk(out)) {
                        for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                            Files.delete(p);
                        }
                    }
                }
                Files.createDirectories(out);
                java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--release", "17", "-proc:none",
                        "-encoding", "UTF-8", "-d", out.toString()));
                try (var walk = Files.walk(ROOT.resolve("solutions/src/main/java"))) {
                    walk.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
                }
                int status = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new));
                assertEquals(0, status, "the solutions compile");
                solutions = out;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return solutions;
    }

    static GradeReport grade(String module, Path out) throws Exception {
        Grading grading = new Grading(module, graderClasspath(), java.util.List.of(classesOf(module)),
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
        // The total row, "| **total** | **38/38** | ...": with several exercises no single row shows the total.
        String total = "**" + report.points() + "/" + report.maxPoints() + "**";
        assertTrue(Files.readString(out.resolve("grade/summary.md")).contains(total), "summary.md shows the total " + total);
        for (ExerciseResult e : report.exercises()) {
            assertTrue(Files.exists(out.resolve("surefire-reports/TEST-" + e.spec().checksClass() + ".xml")));
        }
        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(out.resolve("grade/report.html").toFile(), "UTF-8");
        assertEquals(checks, page.select("li.check").size(), "every check on the report page");
        assertTrue(page.selectFirst("#total").text().contains(report.points() + " of " + report.maxPoints()));
    }
}
