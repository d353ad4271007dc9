package lab.grader.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import lab.grader.Grading;
import lab.grader.rubric.ExerciseSpec;
import lab.grader.rubric.Rubric;
import lab.grader.run.Folders;
import lab.grader.sandbox.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Submissions are hostile input to the trusted side: symbolic links (to the reference solution, to a
 * classmate's file, as a whole folder) are never followed; folder names are data, not paths or
 * spreadsheet formulas; every HTML report is rendered afresh by a Maven run that reads no configuration
 * a submission could have planted; a compile that javac would spend hours on is stopped at its limit.
 *
 * <p>The async exercise (the fastest) is graded, and only where a test needs a grading JVM at all:
 * most students here have nothing gradable, so no JVM starts for them.
 */
@org.junit.jupiter.api.Tag(lab.grader.selftest.SideBySide.TAG)
class HostileInputTest {
    static final Path ROOT = SubmissionTest.ROOT;
    static final Path SOLUTION = ROOT.resolve("solutions/src/main/java/lab/async/Gather.java");
    static final List<String> CHECKS = List.of("gatherKeepsOrder", "gatherOfNoTasks", "rejectsBadArguments");
    static final int FULL = 12;

    static ExerciseSpec asyncSubset() {
        ExerciseSpec full = Rubric.load().select("async").get(0);
        return full.withChecks(full.checks().stream().filter(c -> CHECKS.contains(c.id())).toList());
    }

    static BatchGrader grader() throws Exception {
        return new BatchGrader(KitSources.of(ROOT), List.of(asyncSubset()), BatchMain.graderClasspath(ROOT),
                Grading.standardFlags(System.getProperty("lab.jvm.flags", "")), Duration.ofMinutes(2),
                new MachineSlots(Runtime.getRuntime().availableProcessors()), lab.grader.selftest.TestSandbox.bestAvailable(),
                SourceCompiler.Limits.DEFAULT_TIME_LIMIT);
    }

    /** Runs BatchMain as {@code mvn -Pbatch verify} does, on the async exercise; returns its console. */
    static String batchMain(Path subs, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("--submissions=" + subs, "--kit=" + ROOT, "--out=" + out, "--exercise=async"));
        String flags = System.getProperty("lab.jvm.flags", "");
        if (!flags.isBlank()) {
            args.add("--jvm-flags=" + flags);
        }
        args.addAll(List.of(more));
        BatchMain main = new BatchMain();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        main.console = new PrintStream(console, true, StandardCharsets.UTF_8);
        int status = new CommandLine(main).execute(args.toArray(String[]::new));
        String text = console.toString(StandardCharsets.UTF_8);
        System.out.println(text);
        assertEquals(0, status, text);
        return text;
    }

    static String read(Path file) throws Exception {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    static Map<String, Map<String, String>> byStudent(List<Map<String, String>> book) {
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        book.forEach(r -> rows.put(r.get("student"), r));
        return rows;
    }

    @Test
    void symbolicLinksAreNeverFollowedAndTheNotesNameThem(@TempDir Path dir) throws Exception {
        Path subs = dir.resolve("submissions");
        Path ada = Files.createDirectories(subs.resolve("ada"));
        Files.copy(SOLUTION, ada.resolve("Gather.java"));
        // ben links the reference solution, cy his classmate's file, dee a whole folder of solutions.
        Files.createDirectories(subs.resolve("ben"));
        Files.createSymbolicLink(subs.resolve("ben/Gather.java"), SOLUTION);
        Files.createDirectories(subs.resolve("cy/src/lab/async"));
        Files.createSymbolicLink(subs.resolve("cy/src/lab/async/Gather.java"), Path.of("../../../../ada/Gather.java"));
        assertTrue(Files.isRegularFile(subs.resolve("cy/src/lab/async/Gather.java")), "the link works for anyone who follows it");
        Files.createDirectories(subs.resolve("dee"));
        Files.createSymbolicLink(subs.resolve("dee/src"), ROOT.resolve("solutions/src/main/java"));
        // A student-edition repository whose source folder is a link.
        Files.createDirectories(subs.resolve("fay/exercises/src/main"));
        Files.createSymbolicLink(subs.resolve("fay/exercises/src/main/java"), ROOT.resolve("solutions/src/main/java"));
        // eve's whole submission folder is a link to ada's.
        Files.createSymbolicLink(subs.resolve("eve"), ada);

        // The report folder of a student starts empty, and emptying it follows no link out of it.
        Path out = dir.resolve("batch");
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("keep.txt"), "not the grader's");
        Files.createDirectories(out.resolve("ada"));
        Files.writeString(out.resolve("ada/stale.txt"), "from an earlier run");
        Files.createSymbolicLink(out.resolve("ada/link"), elsewhere);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream console = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        List<BatchMain.Entry> students = BatchMain.students(subs, console);
        new BatchMain.Batch(grader(), out, false, 1, console).run(students);
        String text = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(text);

        assertTrue(text.contains("Student folder eve not graded: it is a symbolic link"), text);
        Map<String, Map<String, String>> book = byStudent(Gradebook.read(out.resolve("gradebook.csv")));
        assertEquals(List.of("ada", "ben", "cy", "dee", "fay"), List.copyOf(book.keySet()));
        assertEquals("4", book.get("ada").get("async"), book.toString());
        assertEquals("ok", book.get("ada").get("status"));
        for (String s : List.of("ben", "cy", "dee", "fay")) {
            assertEquals("0", book.get(s).get("async"), s + ": " + book.get(s));
            assertEquals("no sources", book.get(s).get("status"), s + ": " + book.get(s));
        }
        Map<String, String> linked = Map.of("ben", "Gather.java", "cy", "src/lab/async/Gather.java", "dee", "src",
                "fay", "exercises/src/main/java");
        for (Map.Entry<String, String> e : linked.entrySet()) {
            String notes = read(out.resolve(e.getKey()).resolve("submission.txt"));
            String expected = e.getValue() + ": a symbolic link, which the grader does not follow";
            assertTrue(notes.contains(expected), e.getKey() + ": " + notes);
            JsonNode results = new ObjectMapper().readTree(out.resolve(e.getKey()).resolve("results.json").toFile());
            assertTrue(results.get("output").asText().contains(expected), results.toString());
        }
        assertFalse(Files.exists(out.resolve("eve")));
        assertFalse(Files.exists(out.resolve("ada/stale.txt")));
        assertFalse(Files.exists(out.resolve("ada/link"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("not the grader's", read(elsewhere.resolve("keep.txt")));
    }

    @Test
    void deletingAFolderDeletesLinksInItNotWhatTheyPointTo(@TempDir Path dir) throws Exception {
        Path victim = Files.createDirectories(dir.resolve("victim/inner"));
        Files.writeString(victim.resolve("keep.txt"), "keep");
        Path student = Files.createDirectories(dir.resolve("student/sub"));
        Files.writeString(student.resolve("real.txt"), "x");
        Files.createSymbolicLink(student.resolve("to-folder"), dir.resolve("victim"));
        Files.createSymbolicLink(student.resolve("to-file"), victim.resolve("keep.txt"));
        Files.createSymbolicLink(student.resolve("dangling"), dir.resolve("nowhere"));
        Files.createSymbolicLink(dir.resolve("student/to-parent"), dir);
        Folders.deleteTree(dir.resolve("student"));
        assertFalse(Files.exists(dir.resolve("student"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("keep", read(victim.resolve("keep.txt")));

        // A folder that is itself a link: the link goes, its target stays.
        Path link = Files.createSymbolicLink(dir.resolve("link"), dir.resolve("victim"));
        Folders.deleteTree(link);
        assertFalse(Files.exists(link, LinkOption.NOFOLLOW_LINKS));
        assertEquals("keep", read(victim.resolve("keep.txt")));
        // A dangling link is deleted too (a student folder that is one would otherwise block the grader).
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nowhere"));
        Folders.deleteTree(dangling);
        assertFalse(Files.exists(dangling, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void studentIdsAreDataNotPathsNorFormulas(@TempDir Path dir) throws Exception {
        Path subs = Files.createDirectories(dir.resolve("submissions"));
        // The one graded: a folder named like the gradebook itself.
        Files.createDirectories(subs.resolve("gradebook.csv"));
        Files.copy(SOLUTION, subs.resolve("gradebook.csv/Gather.java"));
        List<String> originals = List.of("gradebook.csv", "=6+6", "-cmd", "@x", "a\nb", "Index.HTML");
        for (String name : originals.subList(1, originals.size())) {
            Files.createDirectory(subs.resolve(name));
            Files.writeString(subs.resolve(name).resolve("notes.txt"), "nothing gradable");
        }
        Files.createDirectories(subs.resolve("zoe_O.Brien-2"));
        // Two ids one output folder could not tell apart (a case-insensitive file system): the second is mapped.
        Files.createDirectories(subs.resolve("Ada"));
        Files.createDirectories(subs.resolve("ada"));
        Path out = dir.resolve("batch");

        String first = batchMain(subs, out, "--no-html");
        for (int run = 0; run < 2; run++) {
            assertTrue(Files.isRegularFile(out.resolve("gradebook.csv")), "the gradebook survives");
            List<Map<String, String>> book = Gradebook.read(out.resolve("gradebook.csv"));
            Map<String, Map<String, String>> rows = byStudent(book);
            assertEquals(originals.size() + 3, book.size(), book.toString());
            Map<String, String> expectedOriginal = new LinkedHashMap<>();
            for (String o : originals) {
                expectedOriginal.put(StudentIds.hashed(o), o.equals("a\nb") ? "a b" : "=+-@".indexOf(o.charAt(0)) >= 0 ? "'" + o : o);
            }
            expectedOriginal.put("zoe_O.Brien-2", "");
            expectedOriginal.put("Ada", "");
            expectedOriginal.put(StudentIds.hashed("ada"), "ada");
            assertEquals(expectedOriginal.keySet(), rows.keySet());
            expectedOriginal.forEach((id, original) -> assertEquals(original, rows.get(id).get("original_id"), id + ": " + rows.get(id)));
            Map<String, String> graded = rows.get(StudentIds.hashed("gradebook.csv"));
            assertEquals(String.valueOf(FULL), graded.get("async"), graded.toString());
            assertEquals(String.valueOf(FULL), graded.get("total"), graded.toString());
            assertEquals("ok", graded.get("status"));
            // One line a student, and no line a spreadsheet would start a formula on.
            List<String> lines = read(out.resolve("gradebook.csv")).lines().toList();
            assertEquals(originals.size() + 4, lines.size(), String.join("\n", lines));
            for (String line : lines) {
                assertFalse(line.matches("^\"?[=+\\-@\\t\\r].*"), line);
                assertFalse(line.matches(".*,\"?[=+\\-@\\t\\r].*"), line);
            }
            // Nothing but the gradebook, shard.json, the class overview and the students' folders in the output folder.
            try (var list = Files.list(out)) {
                Set<String> names = list.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
                Set<String> expected = new java.util.HashSet<>(expectedOriginal.keySet());
                expected.add("gradebook.csv");
                expected.add("shard.json");
                expected.add("index.html");
                assertEquals(expected, names);
            }
            if (run == 0) {
                // Stable across runs: the second run finds every student under the same id, unchanged.
                String second = batchMain(subs, out, "--no-html");
                assertTrue(second.contains("Graded 0, skipped " + (originals.size() + 3)), second);
            }
        }
        for (String o : originals) {
            assertTrue(first.contains("Student folder " + StudentIds.printable(o) + " is not a safe student id: graded as "
                    + StudentIds.hashed(o)), o + ":\n" + first);
        }
        assertTrue(first.contains("Student folder a\\nb is not a safe student id"), first);
        assertTrue(first.contains("Student folder ada is not a safe student id: graded as " + StudentIds.hashed("ada")), first);
        String notes = read(out.resolve(StudentIds.hashed("=6+6")).resolve("submission.txt"));
        assertTrue(notes.contains("Your submission folder's name, =6+6, cannot be used as a student id"), notes);
        assertTrue(notes.contains("you are listed as " + StudentIds.hashed("=6+6")), notes);
        assertTrue(read(out.resolve(StudentIds.hashed("a\nb")).resolve("submission.txt")).contains("name, a\\nb, cannot"));
        assertFalse(read(out.resolve("zoe_O.Brien-2/submission.txt")).contains("cannot be used"));

        assertTrue(StudentIds.safe("ada.lovelace-1_x") && StudentIds.safe("zoë_Ñandú.2") && StudentIds.safe("x".repeat(100)));
        for (String unsafe : List.of("", ".", "..", ".hidden", "-x", "a/b", "a b", "a\\b", "x".repeat(101), "GRADEBOOK.CSV",
                "gradebook.csv.tmp", "index.html", ".html", "shard.json", "Shard.JSON", "nul", "a\u202eb", "a:b", "$x", "a\u0000b")) {
            assertFalse(StudentIds.safe(unsafe), unsafe);
            assertTrue(StudentIds.safe(StudentIds.of(unsafe)), unsafe);
        }
        // student- and the first 10 hex digits of the name's SHA-256: the same in every run and on every machine.
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest("=6+6".getBytes(StandardCharsets.UTF_8)));
        assertEquals("student-" + sha.substring(0, 10), StudentIds.hashed("=6+6"));
    }

    @Test
    void gradebookCellsAreNeutralisedAndReadBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("gradebook.csv");
        List<StudentOutcome> rows = List.of(
                new StudentOutcome("=1+1", "=HYPERLINK(\"http://x\",\"y\")", Map.of("async", 3), 3, 12, 1, 0, "", "+1"),
                new StudentOutcome("ada", "ok", Map.of("async", 12), 12, 12, 1, 0, "", "-2+3"),
                new StudentOutcome("ben", "compile error; compile timeout", Map.of("async", 0), 0, 12, 1, 0, "", "@SUM(A1)"),
                new StudentOutcome("cy", "ok", Map.of("async", 1), 1, 12, 1, 0, "", "\tx"),
                new StudentOutcome("dee", "ok", Map.of("async", 2), 2, 12, 1, 0, "", "\rx"),
                new StudentOutcome("eve", "ok", Map.of("async", 4), 4, 12, 1, 0, "", "a\r\nb\nc\rd\u2028e"),
                new StudentOutcome("fay", "ok", Map.of("async", 5), 5, 12, 1, 0, "", ""));
        Gradebook.write(file, List.of("async"), rows);
        List<Map<String, String>> book = Gradebook.read(file);
        List<List<String>> expected = List.of(
                List.of("'=1+1", "3", "3", "'=HYPERLINK(\"http://x\",\"y\")", "'+1"),
                List.of("ada", "12", "12", "ok", "'-2+3"),
                List.of("ben", "0", "0", "compile error; compile timeout", "'@SUM(A1)"),
                List.of("cy", "1", "1", "ok", "'\tx"),
                List.of("dee", "2", "2", "ok", "' x"),
                List.of("eve", "4", "4", "ok", "a b c d e"),
                List.of("fay", "5", "5", "ok", ""));
        assertEquals(expected, book.stream().map(r -> List.copyOf(r.values())).toList());
        assertEquals(List.of("student", "async", "total", "status", "original_id"), List.copyOf(book.get(0).keySet()));
        List<String> lines = read(file).lines().toList();
        assertEquals(rows.size() + 1, lines.size(), read(file));
        assertTrue(lines.get(2).startsWith("ada,12,12,ok,"), lines.get(2)); // numbers stay numbers
    }

    /** A fake student folder with one Surefire-format XML file, as grading leaves it. */
    static Path fakeStudent(Path dir, String testName) throws Exception {
        Path xml = dir.resolve("surefire-reports/TEST-lab.grader.async.AsyncChecks.xml");
        Files.createDirectories(xml.getParent());
        Files.writeString(xml, """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="lab.grader.async.AsyncChecks" tests="1" failures="0" errors="0" skipped="0" time="0.1">
                  <testcase name="%s" classname="lab.grader.async.AsyncChecks" time="0.1"/>
                </testsuite>
                """.formatted(testName));
        return dir;
    }

    static void plant(Path folder) throws Exception {
        Files.createDirectories(folder.resolve(".mvn"));
        // Either would make Maven fail at once if it were read.
        Files.writeString(folder.resolve(".mvn/jvm.config"), "-Dplanted=yes -XX:+PlantedFlagThatNoJvmHas\n");
        Files.writeString(folder.resolve(".mvn/maven.config"), "--planted-option-that-maven-refuses\n");
    }

    static String[] mavenArgs() {
        List<String> args = new ArrayList<>(List.of("--maven=" + System.getProperty("lab.maven", "mvn"),
                "--maven-offline=" + System.getProperty("lab.maven.offline", "").endsWith("true")));
        String repo = System.getProperty("lab.maven.repo", "");
        if (!repo.isBlank()) {
            args.add("--maven-repo=" + repo);
        }
        return args.toArray(String[]::new);
    }

    @Test
    void everyReportPageIsRenderedAfreshByAMavenRunThatReadsNoPlantedConfiguration(@TempDir Path dir) throws Exception {
        Path subs = Files.createDirectories(dir.resolve("submissions"));
        Files.createDirectories(subs.resolve("ada"));
        Files.copy(SOLUTION, subs.resolve("ada/Gather.java"));
        Path out = dir.resolve("batch");
        batchMain(subs, out, "--no-html");
        // Between runs: a page in ada's reports (she is not graded again: unchanged) and Maven configuration
        // in the batch output folder, where the old HTML step ran Maven.
        Path page = out.resolve("ada/reports/surefire.html");
        Files.createDirectories(page.getParent());
        Files.writeString(page, "<html>PLANTED: 12/12, all passed</html>");
        Files.setLastModifiedTime(page, FileTime.from(Instant.now().plusSeconds(3600)));
        plant(out);
        Instant start = Instant.now().minusSeconds(1);

        String second = batchMain(subs, out, mavenArgs());
        assertTrue(second.contains("Graded 0, skipped 1"), second);
        assertTrue(second.contains("HTML reports written"), second);
        String html = read(page);
        assertFalse(html.contains("PLANTED"), html);
        assertTrue(html.contains("gatherKeepsOrder") && html.contains("gatherStartsAllAtOnce"), html);
        assertTrue(Files.getLastModifiedTime(page).toInstant().isAfter(start));
        try (var list = Files.list(out)) {
            assertEquals(Set.of(".mvn", "ada", "gradebook.csv", "shard.json", "index.html"), list.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
        }
    }

    @Test
    void mavenReadsNoConfigurationAboveItsOwnTemporaryFolder(@TempDir Path dir) throws Exception {
        // Maven's temporary folder is made in a folder with planted configuration: the mvn script would find
        // it by looking up from the pom's folder, if it looked.
        Path temp = Files.createDirectories(dir.resolve("tmp"));
        plant(temp);
        Path student = fakeStudent(dir.resolve("batch/ben"), "theOnlyCheckOfThisRun");
        Files.createDirectories(student.resolve("reports"));
        Files.writeString(student.resolve("reports/surefire.html"), "PLANTED");
        Files.writeString(student.resolve("reports/planted.js"), "alert(1)");
        String failure = new SurefireHtml(Path.of(System.getProperty("lab.maven", "mvn")),
                System.getProperty("lab.maven.offline", "").endsWith("true"), System.getProperty("lab.maven.repo", ""), "3.6.0", temp)
                .render(List.of(student));
        assertNull(failure, failure);
        String html = read(student.resolve("reports/surefire.html"));
        assertTrue(html.contains("theOnlyCheckOfThisRun"), html);
        assertFalse(Files.exists(student.resolve("reports/planted.js")), "reports/ is deleted before rendering");
        try (var list = Files.list(temp)) {
            assertEquals(List.of(".mvn"), list.map(p -> p.getFileName().toString()).toList(), "the temporary folder is deleted");
        }
        Map<String, String> env = new LinkedHashMap<>(Map.of("MAVEN_OPTS", "-Dx", "MAVEN_CONFIG", "-X", "JAVA_TOOL_OPTIONS", "-Dy",
                "PATH", "/usr/bin", "HOME", "/home/me"));
        SurefireHtml.environment(env, temp.resolve("x"));
        assertEquals(Set.of("PATH", "HOME", "JAVA_HOME", "MAVEN_BASEDIR", "MAVEN_SKIP_RC"), env.keySet());
    }

    /** Valid Java that javac needs minutes to hours for: each level of id(c ? ... : 0) multiplies its work. */
    static String compileBomb(int depth) {
        String expr = "1";
        for (int i = 0; i < depth; i++) {
            expr = "id(c ? " + expr + " : 0)";
        }
        return "package lab.async;\n\nclass Bomb {\n  static boolean c;\n  static <T> T id(T t) { return t; }\n"
                + "  static void f() { var v = " + expr + "; }\n}\n";
    }

    @Test
    void aCompileThatTakesTooLongScoresZeroAndTheClassGoesOn(@TempDir Path dir) throws Exception {
        Path subs = Files.createDirectories(dir.resolve("submissions"));
        Files.createDirectories(subs.resolve("a-bomb"));
        Files.copy(SOLUTION, subs.resolve("a-bomb/Gather.java"));
        String bomb = compileBomb(15);
        assertTrue(bomb.length() < 1024, "under a kilobyte");
        Files.writeString(subs.resolve("a-bomb/Bomb.java"), bomb);
        Files.createDirectories(subs.resolve("b-good"));
        Files.copy(SOLUTION, subs.resolve("b-good/Gather.java"));
        Path out = dir.resolve("batch");
        long start = System.nanoTime();
        String console = batchMain(subs, out, "--no-html", "--compile-time-limit=5");
        double seconds = (System.nanoTime() - start) / 1e9;

        Map<String, Map<String, String>> book = byStudent(Gradebook.read(out.resolve("gradebook.csv")));
        assertEquals("0", book.get("a-bomb").get("async"), book.toString());
        assertEquals("compile timeout", book.get("a-bomb").get("status"), book.toString());
        assertEquals(String.valueOf(FULL), book.get("b-good").get("async"), book.toString());
        assertEquals("ok", book.get("b-good").get("status"), book.toString());
        JsonNode results = new ObjectMapper().readTree(out.resolve("a-bomb/results.json").toFile());
        assertEquals(0, results.get("score").asInt());
        String firstCheck = results.get("tests").get(0).get("output").asText();
        assertTrue(firstCheck.contains("compilation took too long (stopped after 5 s)") && firstCheck.contains("Simplify deeply nested"),
                firstCheck);
        String notes = read(out.resolve("a-bomb/submission.txt"));
        assertTrue(notes.contains("Not graded: package lab.async (compilation took too long: stopped after 5 s"), notes);
        assertTrue(console.contains("a-bomb: 0/12 compile timeout"), console);
        assertTrue(seconds < 60, "stopped at its limit: " + seconds + " s");
        // The compiler's JVM is gone (and the grading JVMs: nothing this test started is left).
        List<String> left = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList();
        assertEquals(List.of(), left);
    }
}
