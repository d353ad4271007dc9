package lab.grader.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import lab.grader.report.html.Browser;
import lab.grader.report.html.ReportPage;
import lab.grader.rubric.Rubric;
import lab.grader.run.ExerciseResult;
import lab.grader.run.Folders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The kit grades itself end to end, exactly as {@code mvn verify} does: the reference solutions
 * score full marks on every exercise (the instructor's hidden checks included), and every report is
 * written, and the stubs score 0 (the student edition proves the same with {@code lab.grader.kit.KitSmokeTest},
 * which {@code lab.grader.instructor.InstructorPackagesTest} runs inside the edition). The report pages
 * of these two runs are loaded in a real browser too. Each module is graded once for the whole class
 * ({@link #graded}): the tests look at different sides of the same run.
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
                // A folder of this JVM's own: test JVMs that run side by side each compile into theirs, and
                // none deletes the classes another is grading. Folders of JVMs that have ended are removed.
                Path all = ROOT.resolve("grader/target/selftest-solutions");
                Files.createDirectories(all);
                try (var dirs = Files.list(all)) {
                    for (Path d : dirs.toList()) {
                        String name = d.getFileName().toString();
                        boolean alive = name.matches("\\d+") && ProcessHandle.of(Long.parseLong(name)).map(ProcessHandle::isAlive).orElse(false);
                        if (!alive) {
                            Folders.deleteTree(d);
                        }
                    }
                }
                Path out = all.resolve(String.valueOf(ProcessHandle.current().pid()));
                Folders.deleteTree(out);
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

    /** One grading run over every exercise: its report, what it printed, and where it wrote. */
    record Run(GradeReport report, String console, Path out) {
    }

    static Run grade(String module, Path out) throws Exception {
        Grading grading = new Grading(module, graderClasspath(), java.util.List.of(classesOf(module)),
                Grading.standardFlags(System.getProperty("lab.jvm.flags", "")), Duration.ofMinutes(10),
                out.resolve("grade"), out.resolve("surefire-reports"));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        GradeReport report = grading.run(Rubric.load().exercises(), new PrintStream(console, true, StandardCharsets.UTF_8));
        String text = console.toString(StandardCharsets.UTF_8);
        System.out.println(text);
        return new Run(report, text, out);
    }

    /** Where this class's grading runs write, kept until every test of the class has looked at them. */
    @TempDir
    static Path runs;
    private static final java.util.Map<String, Run> graded = new java.util.HashMap<>();

    /**
     * The kit graded on {@code module} (solutions or exercises), once for this class: each test looks at
     * its own side of the same run (the scores and reports, and the report page in a browser).
     */
    static synchronized Run graded(String module) throws Exception {
        Run run = graded.get(module);
        if (run == null) {
            run = grade(module, runs.resolve(module));
            graded.put(module, run);
        }
        return run;
    }

    @Test
    void solutionsScoreFullMarksOnEveryExercise() throws Exception {
        Run run = graded("solutions");
        GradeReport report = run.report();
        for (ExerciseResult e : report.exercises()) {
            assertEquals(e.spec().maxPoints(), e.points(), () -> e.spec().id() + ": " + GradeReport.verdict(e) + "\n"
                    + e.checks().stream().filter(c -> !c.passed()).map(c -> c.id() + ": " + c.message())
                            .collect(Collectors.joining("\n")));
        }
        assertEquals(Rubric.load().maxPoints(), report.points());
        assertReportsWritten(run.out(), report);
    }

    @Test
    void stubsScoreZero() throws Exception {
        Run run = graded("exercises");
        GradeReport report = run.report();
        for (ExerciseResult e : report.exercises()) {
            assertEquals(0, e.points(), () -> e.spec().id() + " stubs earned points: " + e.checks().stream()
                    .filter(c -> c.passed()).map(c -> c.id()).collect(Collectors.joining(", ")));
        }
        assertReportsWritten(run.out(), report);
    }

    /**
     * The report pages of the same two runs in a real browser ({@link Browser}; skipped where Chromium is
     * missing): they load without console errors, the console's last line links them, the solutions' page
     * draws the pictures of threads, pool, downloads, the CPU bars and the buffer's fill, and the stubs'
     * page shows a failed check's explanation. Screenshots: {@code grader/target/screenshots/}.
     */
    @Test
    void pagesOfARealGradingRunOfSolutionsAndStubsInABrowser() throws Exception {
        try (Browser browser = Browser.start()) {
            for (String module : java.util.List.of("solutions", "exercises")) {
                Run run = graded(module);
                GradeReport report = run.report();
                Path page = run.out().resolve("grade").resolve(ReportPage.FILE);
                assertTrue(run.console().strip().endsWith(page.toAbsolutePath().toUri().toString()),
                        "the console's last line links the page:\n" + run.console());
                browser.open(page);
                int pictures = browser.assertPicturesDrawn();
                if (module.equals("solutions")) {
                    assertEquals(report.maxPoints(), report.points(), run.console());
                    assertTrue(pictures >= 4, "timelines of threads, pool, downloads, the CPU bars, the fill: " + pictures);
                } else {
                    java.util.List<WebElement> failed = browser.driver().findElements(By.cssSelector("li.check.fail .why"));
                    assertFalse(failed.isEmpty());
                    assertTrue(failed.get(0).isDisplayed() && failed.get(0).getText().contains("Not written yet"), failed.get(0).getText());
                }
                browser.screenshots(module);
            }
        }
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
