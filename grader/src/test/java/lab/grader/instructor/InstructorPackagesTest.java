package lab.grader.instructor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lab.grader.batch.Gradebook;
import lab.grader.batch.HostileCodeInBatchTest;
import lab.grader.rubric.ExerciseSpec;
import lab.grader.rubric.Rubric;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The instructor's entry points, run as an instructor runs them, in a fresh copy of this kit:
 * {@code mvn -Pstudent-edition,gradescope package} (what the packages hold, and that the student
 * edition's README commands work), Gradescope's {@code setup.sh} and {@code run_autograder} in a
 * simulated {@code /autograder} ({@code AUTOGRADER_ROOT}), and {@code mvn -Pbatch verify}.
 */
@org.junit.jupiter.api.Tag(lab.grader.selftest.SideBySide.TAG)
class InstructorPackagesTest {
    static final Path ROOT = Path.of(System.getProperty("lab.root", "..")).toAbsolutePath().normalize();
    static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The first digits of the sleeps this class's attackers leave behind, other than HostileCodeInBatchTest's: the
     * two run side by side, and each looks for its own attackers' processes only.
     */
    static final String MARK = "2718";

    @TempDir
    static Path tmp;
    static Path kit;

    @BeforeAll
    static void packageAFreshCopyOfTheKit() throws Exception {
        kit = tmp.resolve("kit");
        ChildProcess.copyKit(ROOT, kit);
        // As an instructor packages, less the compiling of the project's own tests (this build has done that).
        ChildProcess.Result r = ChildProcess.maven(kit, 600, "-q", "-Pstudent-edition,gradescope", "package", "-Dmaven.test.skip=true");
        assertEquals(0, r.status(), r.output());
    }

    @Test
    void theStudentEditionHasTheKitForStudentsAndNothingOfTheInstructors() throws Exception {
        Path edition = kit.resolve("target/student-edition");
        List<String> files = ChildProcess.files(edition);
        for (String needed : List.of("pom.xml", "README.md", ".gitignore", ".github/workflows/grade.yml", "exercises/pom.xml",
                "grader/pom.xml", "grader/src/main/resources/lab/grader/rubric.json",
                "grader/src/main/resources/lab/grader/messages.properties",
                "grader/src/main/java/lab/grader/harness/LocalHttpServer.java", "grader/src/test/java/lab/grader/kit/KitSmokeTest.java")) {
            assertTrue(files.contains(needed), needed + " is in the student edition");
        }
        // Every exercise: its stubs, given classes and lessons (English and Indonesian) as they are here,
        // and its visible checks.
        Rubric rubric = Rubric.load();
        assertEquals(7, rubric.ids().size());
        for (ExerciseSpec e : rubric.exercises()) {
            assertTrue(files.contains(e.lesson()), e.lesson());
            assertTrue(files.contains(e.lesson().replaceFirst("\\.md$", ".id.md")), e.id() + ": the Indonesian lesson");
            assertTrue(files.contains("grader/src/main/java/" + e.checksClass().replace('.', '/') + ".java"), e.checksClass());
        }
        for (String f : ChildProcess.files(ROOT.resolve("exercises/src/main/java"))) {
            String path = "exercises/src/main/java/" + f;
            assertTrue(files.contains(path), path + " is in the student edition");
            assertEquals(Files.readString(ROOT.resolve(path), StandardCharsets.ISO_8859_1),
                    Files.readString(edition.resolve(path), StandardCharsets.ISO_8859_1), path + " as the kit has it (the stub)");
        }
        // The instructor's hidden checks: their classes and check ids appear nowhere in the edition.
        List<String> hidden = rubric.exercises().stream().flatMap(e -> e.checks().stream().filter(c -> c.hidden())
                .flatMap(c -> java.util.stream.Stream.of(c.id(), c.classIn(e).substring(c.classIn(e).lastIndexOf('.') + 1)))).distinct().toList();
        assertFalse(hidden.isEmpty(), "the instructor's copy has hidden checks to look for");
        // The instructor's class-grading workflow is in the instructor's copy, never in the edition.
        assertTrue(Files.isRegularFile(kit.resolve(".github/workflows/grade-class.yml")), "the instructor's copy has grade-class.yml");
        assertEquals(List.of(".github/workflows/grade.yml"), files.stream().filter(f -> f.startsWith(".github/")).toList(),
                "the student's workflow only");
        for (String f : files) {
            assertFalse(f.startsWith("solutions/"), f);
            assertFalse(f.startsWith(".ci/"), f);
            assertFalse(f.startsWith("grader/bench/"), "the bench scripts need the solutions: " + f);
            assertFalse(f.startsWith("grader/src/hidden/") || f.startsWith("grader/src/instructor/"), f);
            assertTrue(!f.startsWith("grader/src/test/") || f.startsWith("grader/src/test/java/lab/grader/kit/"), "no canaries or self tests: " + f);
            String name = f.substring(f.lastIndexOf('/') + 1);
            assertFalse(name.startsWith("Broken") || name.endsWith("CanariesTest.java"), "no canaries: " + f);
            String text = Files.readString(edition.resolve(f), StandardCharsets.ISO_8859_1);
            for (String h : hidden) {
                assertFalse(text.contains(h), "no trace of hidden checks (" + h + "): " + f);
            }
            assertFalse(text.contains("instructor-only") || text.contains("student-only"), "edition markers resolved: " + f);
        }
        String readme = Files.readString(edition.resolve("README.md"));
        assertFalse(readme.contains("For instructors"), "the student README has no instructor section");
        assertFalse(readme.contains("-Psolutions"));
        assertFalse(readme.contains("grade-class") || readme.contains("-Dshard") || readme.contains("batch-merge"), "no class grading");
        assertTrue(readme.contains("mvn verify -Pselftest"));
        String pom = Files.readString(edition.resolve("pom.xml"));
        assertFalse(pom.contains("<id>student-edition</id>") || pom.contains("<module>solutions</module>"));
        assertTrue(pom.contains("<id>selftest</id>"));
        // The zip holds the same files.
        Path unzipped = tmp.resolve("edition-zip");
        ChildProcess.unzip(kit.resolve("target/student-edition.zip"), unzipped);
        assertEquals(files, ChildProcess.files(unzipped));
        String workflow = Files.readString(edition.resolve(".github/workflows/grade.yml"));
        for (String step : List.of("actions/setup-java", "java-version: '17'", "mvn -B -ntp verify", "GITHUB_STEP_SUMMARY",
                "actions/upload-artifact", "autograding-grading-reporter", "base64 -w0 grader/target/grade/autograding.json")) {
            assertTrue(workflow.contains(step), step);
        }
    }

    @Test
    void theStudentEditionsReadmeCommandsWork() throws Exception {
        Path edition = tmp.resolve("student");
        ChildProcess.copyKit(kit.resolve("target/student-edition"), edition);
        // mvn verify: the stubs score 0, the build fails after writing every report.
        ChildProcess.Result grade = ChildProcess.maven(edition, 900, "verify");
        assertNotEquals(0, grade.status(), grade.output());
        assertTrue(grade.output().contains("Grade: 0/"), grade.output());
        JsonNode results = JSON.readTree(edition.resolve("grader/target/grade/results.json").toFile());
        assertEquals(0, results.get("score").asInt());
        for (JsonNode t : results.get("tests")) {
            assertEquals("visible", t.get("visibility").asText(), "no hidden check in the student edition");
        }
        for (String report : List.of("grader/target/grade/summary.md", "grader/target/grade/autograding.json",
                "grader/target/reports/surefire.html")) {
            assertTrue(Files.size(edition.resolve(report)) > 0, report);
        }
        // mvn verify -Pselftest: the kit's smoke test runs and passes (the stubs score 0 on every exercise,
        // every report written; in the instructor's copy it runs only here).
        ChildProcess.Result selftest = ChildProcess.maven(edition, 900, "verify", "-Pselftest");
        assertEquals(0, selftest.status(), selftest.output());
        assertTrue(Files.exists(edition.resolve("grader/target/surefire-reports/TEST-lab.grader.kit.KitSmokeTest.xml")), selftest.output());
    }

    @Test
    void gradescopeGradesLooseFilesInASimulatedAutograderRoot() throws Exception {
        Path root = tmp.resolve("autograder");
        ChildProcess.unzip(kit.resolve("target/gradescope-autograder.zip"), root.resolve("source"));
        for (String f : List.of("setup.sh", "run_autograder", "kit/pom.xml", "kit/grader/src/hidden/resources/lab/grader/hidden/rubric.json")) {
            assertTrue(Files.exists(root.resolve("source").resolve(f)), f);
        }
        assertFalse(Files.exists(root.resolve("source/kit/solutions")), "no solutions next to student code");
        // No LAB_EXERCISE: the package grades the whole kit, as an assignment for all seven exercises does.
        Map<String, String> env = Map.of("AUTOGRADER_ROOT", root.toString(), "LAB_MAVEN_ARGS", String.join(" ", ChildProcess.mavenFlags()));
        ChildProcess.Result setup = ChildProcess.run(root.resolve("source"), env, 600, List.of("bash", "setup.sh"));
        assertEquals(0, setup.status(), setup.output());

        // Loose .java files uploaded flat: the solutions' CounterRun (everything else stays a stub: those
        // checks fail at once, which keeps this fast), a tampered given class and a grader class.
        Path submission = root.resolve("submission");
        Files.createDirectories(submission);
        Files.copy(ROOT.resolve("solutions/src/main/java/lab/counter/CounterRun.java"), submission.resolve("CounterRun.java"));
        Files.writeString(submission.resolve("Counter.java"), "package lab.counter;\npublic interface Counter { void increment(); long get(); }\n");
        Files.writeString(submission.resolve("ForkMain.java"), "package lab.grader.fork;\npublic class ForkMain { }\n");
        ChildProcess.Result run = ChildProcess.run(root, env, 600, List.of("bash", root.resolve("source/run_autograder").toString()));
        assertEquals(0, run.status(), run.output());
        JsonNode results = JSON.readTree(root.resolve("results/results.json").toFile());
        int counterRunPoints = 0;
        for (JsonNode t : results.get("tests")) {
            if (t.get("number").asText().startsWith("counter.counterRun")) {
                counterRunPoints += t.get("max_score").asInt();
                assertEquals("passed", t.get("status").asText(), t.toString());
            }
        }
        assertTrue(counterRunPoints > 0, results.toString() + "\n" + run.output());
        assertEquals(counterRunPoints, results.get("score").asInt(), "exactly CounterRun's checks passed: " + results);
        // Every exercise of the kit was graded, the hidden checks' points included.
        assertEquals(Rubric.load().maxPoints(), results.get("max_score").asInt(), "the whole kit");
        java.util.Set<String> graded = new java.util.TreeSet<>();
        for (JsonNode t : results.get("tests")) {
            graded.add(t.get("tags").get(0).asText());
        }
        assertEquals(new java.util.TreeSet<>(Rubric.load().ids()), graded, "a test for every exercise");
        assertTrue(results.get("output").asText().contains("ForkMain.java: package lab.grader.fork is not one of the kit's exercises"),
                results.get("output").asText());
        long hidden = 0;
        for (JsonNode t : results.get("tests")) {
            hidden += t.get("visibility").asText().equals("hidden") ? 1 : 0;
        }
        assertEquals(2, hidden, "the instructor's hidden checks ran, hidden from the student");
        assertTrue(results.get("output").asText().contains("Graded in the OS sandbox (bubblewrap)")
                || results.get("output").asText().contains("fallback sandbox"),
                "results.json says which sandbox ran: " + results.get("output").asText());

        // A hostile submission: reads the hidden checks and the kit, forges results.json, leaves a process behind.
        // The forbidden-API check refuses it before it runs; results.json is the grader's own.
        Path kitFiles = root.resolve("source/kit");
        Files.walk(submission).sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(submission)).forEach(p -> p.toFile().delete());
        Map<String, String> fill = Map.of("SECRETS", HostileCodeInBatchTest.javaStrings(List.of(
                kitFiles.resolve("grader/src/hidden/java/lab/grader/counter/CounterHiddenChecks.java").toString(),
                kitFiles.resolve("grader/src/hidden/resources/lab/grader/hidden/rubric.json").toString())), "PORT", "9");
        Files.writeString(submission.resolve("Gather.java"), HostileCodeInBatchTest.gatherWith(HostileCodeInBatchTest.SOLUTION,
                HostileCodeInBatchTest.attack("reader", fill)));
        Map<String, String> async = new java.util.HashMap<>(env);
        async.put("LAB_EXERCISE", "async");
        run = ChildProcess.run(root, async, 600, List.of("bash", root.resolve("source/run_autograder").toString()));
        assertEquals(0, run.status(), run.output());
        String text = Files.readString(root.resolve("results/results.json"));
        results = JSON.readTree(text);
        assertEquals(0, results.get("score").asInt(), text);
        assertEquals(12, results.get("max_score").asInt(), text);
        assertTrue(text.contains("does not allow") && text.contains("java.nio.file.Files in lab.async.Attack"), text);
        assertFalse(text.contains("ATTACK-RAN") || text.contains("countersExactManyThreads"), "nothing ran, nothing hidden shown: " + text);

        // Where namespaces cannot be had, each process runs as a user of its own: threads are bounded the same way.
        Files.writeString(submission.resolve("Gather.java"), HostileCodeInBatchTest.gatherWith(HostileCodeInBatchTest.SOLUTION,
                HostileCodeInBatchTest.attack("threads", Map.of())));
        async.put("LAB_SANDBOX", "user");
        run = ChildProcess.run(root, async, 600, List.of("bash", root.resolve("source/run_autograder").toString()));
        assertEquals(0, run.status(), run.output());
        text = Files.readString(root.resolve("results/results.json"));
        assertEquals(12, JSON.readTree(text).get("score").asInt(), text);
        assertTrue(text.contains("fallback sandbox"), text);
        assertTrue(HostileCodeInBatchTest.printed(text, "THREADS") < 1024, text);

        // Past the forbidden-API check (a switch only the kit's own tests use), every attack runs: in bubblewrap and
        // in the user fallback, nothing secret is read, nothing outside is written, no process is left.
        Path gradebookLike = root.resolve("results/forged.csv");
        Files.writeString(submission.resolve("Gather.java"), HostileCodeInBatchTest.gatherWith(HostileCodeInBatchTest.SOLUTION,
                HostileCodeInBatchTest.allAttacks(Map.of(
                        "SECRETS", HostileCodeInBatchTest.javaStrings(List.of(
                                kitFiles.resolve("grader/src/hidden/java/lab/grader/counter/CounterHiddenChecks.java").toString(),
                                kitFiles.resolve("grader/target/classes/lab/grader/hidden/rubric.json").toString(), "/proc/self/environ")),
                        "PORT", "9",
                        "TARGETS", HostileCodeInBatchTest.javaStrings(List.of(root.resolve("results/results.json").toString(),
                                kitFiles.resolve("grader/target/classes/lab/grader/rubric.json").toString())),
                        "GRADEBOOK", gradebookLike.toString(),
                        "CLASSMATE_RESULTS", gradebookLike.toString(),
                        "MARK", MARK))));
        async.put("LAB_TEST_ONLY_SKIP_API_CHECK", "1");
        String rubricBefore = Files.readString(kitFiles.resolve("grader/target/classes/lab/grader/rubric.json"));
        for (String mode : List.of("on", "user")) {
            async.put("LAB_SANDBOX", mode);
            async.put("LAB_TEST_SECRET_FOR_SANDBOX", "GRADESCOPE-ENV-MARKER-7e1f");
            run = ChildProcess.run(root, async, 600, List.of("bash", root.resolve("source/run_autograder").toString()));
            assertEquals(0, run.status(), run.output());
            text = Files.readString(root.resolve("results/results.json"));
            assertTrue(text.contains("ATTACK-RAN"), mode + ": the attacks ran: " + text);
            assertFalse(text.contains("countersExactManyThreads") || text.contains("GRADESCOPE-ENV-MARKER-7e1f"), mode + ": " + text);
            // The fork bomb uses up its own task limit, so some checks fail for want of threads: a failed check, not a dead machine.
            assertEquals(12, JSON.readTree(text).get("max_score").asInt(), mode + ": results.json is the grader's: " + text);
            assertEquals(7, JSON.readTree(text).get("tests").size(), mode + ": " + text);
            assertFalse(text.contains("FORGED") || text.contains("ok-forged"), mode + ": " + text);
            assertFalse(Files.exists(gradebookLike), mode + ": no process forged anything");
            assertTrue(HostileCodeInBatchTest.hostProcesses(MARK).isEmpty(), mode + ": no process left: "
                    + HostileCodeInBatchTest.hostProcesses(MARK));
            assertEquals(rubricBefore, Files.readString(kitFiles.resolve("grader/target/classes/lab/grader/rubric.json")), "the kit is intact");
            assertTrue(HostileCodeInBatchTest.printed(text, "THREADS") < 1024, text);
        }
        assertTrue(HostileCodeInBatchTest.printed(text, "WROTE") <= 6 * (64 << 20), text);
    }

    @Test
    void batchGradingThroughMaven() throws Exception {
        Path subs = tmp.resolve("submissions");
        Files.createDirectories(subs.resolve("stubs"));
        ChildProcess.copyKit(ROOT.resolve("exercises/src/main/java"), subs.resolve("stubs/src"));
        Files.createDirectories(subs.resolve("broken"));
        Files.writeString(subs.resolve("broken/LockCounter.java"), "package lab.counter;\npublic final class LockCounter { oops }\n");
        // As an instructor grades a class, less the compiling of the project's own tests again (this build has
        // done that; the kit's copy holds them, and -Pbatch verify would compile them before grading).
        ChildProcess.Result r = ChildProcess.maven(kit, 900, "-Pbatch", "verify", "-Dsubmissions=" + subs, "-Dexercise=counter",
                "-Dmaven.test.skip=true");
        assertEquals(0, r.status(), r.output());
        assertTrue(r.output().contains("[2/2]"), r.output());
        List<Map<String, String>> book = Gradebook.read(kit.resolve("target/batch/gradebook.csv"));
        assertEquals(List.of("broken", "stubs"), book.stream().map(row -> row.get("student")).toList());
        assertEquals("compile error", book.get(0).get("status"));
        assertEquals("ok", book.get(1).get("status"));
        assertEquals("0", book.get(1).get("total"));
        for (String s : List.of("broken", "stubs")) {
            for (String f : List.of("results.json", "summary.md", "reports/surefire.html")) {
                assertTrue(Files.exists(kit.resolve("target/batch").resolve(s).resolve(f)), s + "/" + f + "\n" + r.output());
            }
        }
        assertTrue(Files.readString(kit.resolve("target/batch/broken/reports/surefire.html")).contains("expected"),
                "the compiler's message is in the HTML report");
    }
}
