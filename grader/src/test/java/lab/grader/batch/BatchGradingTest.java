package lab.grader.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import lab.grader.Grading;
import lab.grader.rubric.ExerciseSpec;
import lab.grader.rubric.Rubric;
import lab.grader.sandbox.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A class's worth of generated submissions, batch-graded: a correct one (a student-edition repository
 * that also tampers with the grader and a given class), the untouched stubs, one that does not
 * compile, one that hangs, graded two at a time. The gradebook has the expected rows; a second run
 * skips them; a changed submission is graded again.
 *
 * <p>A subset of the counter's checks (and one hidden check) keeps this fast; the full counter is
 * graded in the Gradescope test.
 */
@org.junit.jupiter.api.Tag(lab.grader.selftest.SideBySide.TAG)
class BatchGradingTest {
    static final Path ROOT = SubmissionTest.ROOT;
    static final List<String> CHECKS = List.of("synchronizedSeedCase", "lockSeedCase", "atomicSeedCase",
            "counterRunJoinsBeforeReading", "countersExactManyThreads");

    static ExerciseSpec counterSubset() {
        ExerciseSpec full = Rubric.load().select("counter").get(0);
        return full.withChecks(full.checks().stream().filter(c -> CHECKS.contains(c.id())).toList());
    }

    static BatchGrader grader() throws Exception {
        List<String> flags = new ArrayList<>(Grading.standardFlags(System.getProperty("lab.jvm.flags", "")));
        flags.add("-Dgrader.callLimitSeconds=3");
        return new BatchGrader(KitSources.of(ROOT), List.of(counterSubset()), BatchMain.graderClasspath(ROOT), flags,
                Duration.ofMinutes(3), new MachineSlots(Runtime.getRuntime().availableProcessors()), lab.grader.selftest.TestSandbox.bestAvailable(),
                SourceCompiler.Limits.DEFAULT_TIME_LIMIT);
    }

    static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /** The four submissions: correct, stubs, does not compile, hangs. */
    static Path submissions(Path dir) throws Exception {
        Path subs = dir.resolve("submissions");
        Path solutionsCounter = ROOT.resolve("solutions/src/main/java/lab/counter");
        // ada: a student-edition repository, correct; her edits to the grader, the poms and a given class change nothing.
        copyTree(solutionsCounter, subs.resolve("ada/exercises/src/main/java/lab/counter"));
        SubmissionTest.write(subs.resolve("ada/exercises/src/main/java/lab/counter/Counter.java"),
                "package lab.counter;\npublic interface Counter { void increment(); long get(); }\nclass Sneaky { }\n");
        SubmissionTest.write(subs.resolve("ada/grader/src/main/java/lab/grader/fork/ForkMain.java"),
                "package lab.grader.fork;\npublic class ForkMain { public static void main(String[] a) { System.out.println(\"all passed\"); } }\n");
        SubmissionTest.write(subs.resolve("ada/pom.xml"), "<project>not a pom</project>");
        // ben: the untouched stubs.
        copyTree(ROOT.resolve("exercises/src/main/java"), subs.resolve("ben/exercises/src/main/java"));
        // cy: loose files, one with a syntax error.
        copyTree(solutionsCounter, subs.resolve("cy"));
        Path lock = subs.resolve("cy/LockCounter.java");
        Files.writeString(lock, Files.readString(lock).replaceFirst("lock\\.lock\\(\\);", "lock.lock()"));
        // dee: counters that block forever (ignoring interrupts), a correct CounterRun.
        for (String c : List.of("SynchronizedCounter", "LockCounter", "AtomicCounter")) {
            SubmissionTest.write(subs.resolve("dee/src/lab/counter/" + c + ".java"), "package lab.counter;\npublic final class " + c
                    + " implements Counter {\n  public void increment() { while (true) { try { Thread.sleep(60_000); }"
                    + " catch (InterruptedException e) { } } }\n  public long get() { return 0; }\n}\n");
        }
        Files.copy(solutionsCounter.resolve("CounterRun.java"), subs.resolve("dee/src/lab/counter/CounterRun.java"));
        return subs;
    }

    static List<BatchMain.Entry> entries(Path subs) throws Exception {
        try (Stream<Path> list = Files.list(subs)) {
            return list.sorted().map(p -> new BatchMain.Entry(p.getFileName().toString(), p)).toList();
        }
    }

    static String run(BatchGrader grader, Path subs, Path out, boolean regrade, int parallel) throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        new BatchMain.Batch(grader, out, regrade, parallel, new PrintStream(console, true, StandardCharsets.UTF_8)).run(entries(subs));
        String text = console.toString(StandardCharsets.UTF_8);
        System.out.println(text);
        return text;
    }

    static Map<String, String> row(List<Map<String, String>> book, String student) {
        return book.stream().filter(r -> r.get("student").equals(student)).findFirst().orElseThrow();
    }

    static void assertRow(List<Map<String, String>> book, String student, String points, String status) {
        Map<String, String> r = row(book, student);
        assertEquals(points, r.get("counter"), student + ": " + r);
        assertEquals(points, r.get("total"), student + ": " + r);
        assertEquals(status, r.get("status"), student + ": " + r);
    }

    @Test
    void aClassIsGradedSkippedOnTheNextRunAndGradedAgainWhenItChanges(@TempDir Path dir) throws Exception {
        Path subs = submissions(dir);
        Path out = dir.resolve("batch");
        BatchGrader grader = grader();
        // Two at a time (on a 2-core machine the grading JVMs still take turns: see MachineSlots).
        String first = run(grader, subs, out, false, 2);

        List<Map<String, String>> book = Gradebook.read(out.resolve("gradebook.csv"));
        assertEquals(List.of("student", "counter", "total", "status", "original_id"), List.copyOf(book.get(0).keySet()));
        assertEquals(List.of("ada", "ben", "cy", "dee"), book.stream().map(r -> r.get("student")).toList());
        assertRow(book, "ada", "5", "ok");
        assertRow(book, "ben", "0", "ok");
        assertRow(book, "cy", "0", "compile error");
        assertRow(book, "dee", "1", "timeout");
        assertTrue(first.contains("[4/4]") && first.contains("elapsed") && first.contains("left"), first);

        // Every student's reports; the compiler's message in the one that does not compile.
        for (String s : List.of("ada", "ben", "cy", "dee")) {
            for (String f : List.of("results.json", "summary.md", "autograding.json", "batch.json", "submission.txt", "report.html",
                    "surefire-reports/TEST-lab.grader.counter.CounterChecks.xml")) {
                assertTrue(Files.exists(out.resolve(s).resolve(f)), s + "/" + f);
            }
        }
        // The class overview from what the run left on disk: a row and a working link per student.
        org.jsoup.nodes.Document overview = org.jsoup.Jsoup.parse(ClassOverview.write(out).toFile(), "UTF-8");
        assertEquals(List.of("ada/report.html", "ben/report.html", "cy/report.html", "dee/report.html"),
                overview.select("table.students a").eachAttr("href"));
        assertTrue(org.jsoup.Jsoup.parse(out.resolve("cy/report.html").toFile(), "UTF-8").text().contains("';' expected"),
                "the compiler's message on cy's page");
        JsonNode cy = new ObjectMapper().readTree(out.resolve("cy/results.json").toFile());
        assertEquals(0, cy.get("score").asInt());
        assertTrue(cy.get("tests").get(0).get("output").asText().contains("LockCounter.java:"), cy.toString());
        assertTrue(cy.get("tests").get(0).get("output").asText().contains("';' expected"), cy.toString());
        assertTrue(Files.readString(out.resolve("cy/summary.md")).contains("';' expected"));
        JsonNode ada = new ObjectMapper().readTree(out.resolve("ada/results.json").toFile());
        assertEquals(5, ada.get("score").asInt());
        assertTrue(ada.get("output").asText().contains("lab/counter/Counter.java is given by the kit"), ada.toString());
        boolean hiddenMarked = false;
        for (JsonNode t : ada.get("tests")) {
            hiddenMarked |= t.get("number").asText().equals("counter.countersExactManyThreads") && t.get("visibility").asText().equals("hidden");
        }
        assertTrue(hiddenMarked, "the hidden check is hidden in results.json");

        // A second run skips everyone; a changed submission is graded again.
        long start = System.nanoTime();
        String second = run(grader, subs, out, false, 1);
        assertTrue(second.contains("Graded 0, skipped 4"), second);
        assertTrue((System.nanoTime() - start) / 1e9 < 20, "skipping is quick");
        SubmissionTest.write(subs.resolve("ben/exercises/src/main/java/lab/counter/AtomicCounter.java"),
                Files.readString(ROOT.resolve("solutions/src/main/java/lab/counter/AtomicCounter.java")));
        String third = run(grader, subs, out, false, 1);
        assertTrue(third.contains("Graded 1, skipped 3"), third);
        book = Gradebook.read(out.resolve("gradebook.csv"));
        assertRow(book, "ben", "1", "ok");
        assertRow(book, "ada", "5", "ok");
        assertRow(book, "dee", "1", "timeout");
    }

    @Test
    void coresAreSharedOutSoThatNoGradingJvmGetsLessThanItsExerciseNeeds() throws Exception {
        MachineSlots two = new MachineSlots(2);
        ExerciseSpec counter = Rubric.load().select("counter").get(0);
        assertEquals(2, two.need(counter));
        ExerciseSpec whole = counter.withChecks(counter.checks());
        ExerciseSpec noCores = new ExerciseSpec(whole.id(), whole.checksClass(), whole.lesson(), whole.verdictFigures(),
                whole.checkSeconds(), whole.checks());
        assertEquals(8, new MachineSlots(8).need(noCores), "an exercise that does not say needs the whole machine");
        assertEquals(2, new MachineSlots(8).need(counter));
        try (AutoCloseable held = two.hold(counter)) {
            Thread other = new Thread(() -> {
                try (AutoCloseable compile = two.hold(1)) {
                    // never reached while the counter holds both cores
                } catch (Exception e) {
                    // interrupted
                }
            });
            other.start();
            other.join(300);
            assertTrue(other.isAlive(), "a compile waits while a counter grading JVM holds both cores");
            other.interrupt();
            other.join();
        }
    }

    @Test
    void badArgumentsAreOneLineAndExitStatus2(@TempDir Path dir) {
        assertEquals(2, new CommandLine(new BatchMain()).execute("--submissions=", "--kit=" + ROOT));
        assertEquals(2, new CommandLine(new BatchMain()).execute("--submissions=" + dir.resolve("missing"), "--kit=" + ROOT));
        assertEquals(2, new CommandLine(new BatchMain()).execute("--submissions=" + dir, "--kit=" + ROOT, "--exercise=nope"));
    }
}
