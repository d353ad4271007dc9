package lab.grader.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import lab.grader.Grading;
import lab.grader.rubric.Rubric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -Pbatch-merge}: shards graded apart and merged give the gradebook an unsharded run gives, and
 * shard folders that do not add up to one class (a shard missing or twice, a student in two shards,
 * different splits, something that is not a batch output, links, formulas) are reported and nothing is
 * merged.
 */
@org.junit.jupiter.api.Tag(lab.grader.selftest.SideBySide.TAG)
class ShardMergeTest {
    static final Path ROOT = SubmissionTest.ROOT;
    static final List<String> ASYNC = List.of("async");

    /**
     * A small class graded for real (the async exercise, the fastest to grade), once whole and once as 3
     * shards: the merged gradebook is byte for byte the unsharded one, and every student's folder is there.
     */
    @Test
    void aMergedGradebookIsTheUnshardedOne(@TempDir Path dir) throws Exception {
        Path subs = dir.resolve("submissions");
        Path async = ROOT.resolve("solutions/src/main/java/lab/async");
        BatchGradingTest.copyTree(async, subs.resolve("ada/exercises/src/main/java/lab/async"));
        BatchGradingTest.copyTree(ROOT.resolve("exercises/src/main/java/lab/async"), subs.resolve("ben/src/lab/async"));
        SubmissionTest.write(subs.resolve("cy/Gather.java"), "package lab.async;\npublic final class Gather { oops }\n");
        // A name a spreadsheet would run (graded under a hashed id, the name kept as a safe cell), and two
        // folders whose ids clash without case: each shard must settle these as the whole class does.
        SubmissionTest.write(subs.resolve("=1+1/README.txt"), "nothing yet\n");
        SubmissionTest.write(subs.resolve("Eve/README.txt"), "nothing yet\n");
        SubmissionTest.write(subs.resolve("eve/README.txt"), "nothing yet\n");
        PrintStream console = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        List<BatchMain.Entry> all = BatchMain.students(subs, console);
        BatchGrader grader = new BatchGrader(KitSources.of(ROOT), Rubric.load().select("async"), BatchMain.graderClasspath(ROOT),
                Grading.standardFlags(System.getProperty("lab.jvm.flags", "")), Duration.ofMinutes(3),
                new MachineSlots(Runtime.getRuntime().availableProcessors()), lab.grader.selftest.TestSandbox.bestAvailable(),
                SourceCompiler.Limits.DEFAULT_TIME_LIMIT);

        Path whole = dir.resolve("whole");
        new BatchMain.Batch(grader, whole, false, 1, console).run(all);
        Path shards = dir.resolve("shards");
        int nonEmpty = 0;
        for (int k = 1; k <= 3; k++) {
            Shard shard = new Shard(k, 3);
            List<BatchMain.Entry> slice = shard.select(all);
            nonEmpty += slice.isEmpty() ? 0 : 1;
            new BatchMain.Batch(grader, shards.resolve("shard-" + k), false, 1, console, shard).run(slice);
        }
        assertEquals(3, nonEmpty, "every shard has students to grade");
        Path merged = dir.resolve("merged");
        assertEquals(List.of(), ShardMerge.forKit().merge(shards, merged));

        String expected = Files.readString(whole.resolve("gradebook.csv"));
        System.out.println("unsharded gradebook.csv:\n" + expected + "merged gradebook.csv:\n" + Files.readString(merged.resolve("gradebook.csv")));
        assertEquals(expected, Files.readString(merged.resolve("gradebook.csv")));
        List<Map<String, String>> book = Gradebook.read(merged.resolve("gradebook.csv"));
        assertEquals(6, book.size(), expected);
        assertEquals("12", BatchGradingTest.row(book, "ada").get("total"), expected);
        assertEquals("'=1+1", BatchGradingTest.row(book, StudentIds.hashed("=1+1")).get("original_id"), expected);
        assertEquals("eve", BatchGradingTest.row(book, StudentIds.hashed("eve")).get("original_id"), expected);
        List<String> mergedFiles = new java.util.ArrayList<>(files(merged));
        assertTrue(mergedFiles.remove("index.html"), "the merge writes the class overview");
        assertEquals(files(whole), mergedFiles, "every student's folder, and the same files in it");
        for (Map<String, String> r : book) {
            String s = r.get("student");
            Path from = IntStream.rangeClosed(1, 3).mapToObj(k -> shards.resolve("shard-" + k)).filter(d -> Files.isDirectory(d.resolve(s)))
                    .findFirst().orElseThrow();
            assertEquals(Files.readString(from.resolve(s).resolve("results.json")), Files.readString(merged.resolve(s).resolve("results.json")), s);
        }
        assertEquals(new ShardFile(1, 1, ASYNC, book.stream().map(r -> r.get("student")).toList()), ShardFile.read(merged));
        // The merged output has its class overview too, linking every student's page.
        String overview = Files.readString(merged.resolve("index.html"));
        for (Map<String, String> row : book) {
            if (Files.exists(merged.resolve(row.get("student")).resolve("report.html"))) {
                assertTrue(overview.contains(row.get("student") + "/report.html"), row.get("student") + " linked from index.html");
            }
        }
    }

    /** A class of made-up students, already "graded", split into the shards of {@code n} (ids by shard). */
    static List<List<String>> split(int n) {
        List<List<String>> byShard = new ArrayList<>();
        IntStream.range(0, n).forEach(i -> byShard.add(new ArrayList<>()));
        IntStream.range(0, 30).mapToObj(i -> "student" + i).forEach(s -> byShard.get(Shard.of(s, n) - 1).add(s));
        return byShard;
    }

    /** A shard's batch output as the batch grader writes it: shard.json, gradebook.csv and a folder per student. */
    static Path shard(Path shards, String folder, int k, int n, List<String> students) throws Exception {
        Path dir = shards.resolve(folder);
        Files.createDirectories(dir);
        List<String> sorted = students.stream().sorted().toList();
        Gradebook.writeRows(dir.resolve("gradebook.csv"), ASYNC,
                sorted.stream().map(s -> new Gradebook.Row(s, Map.of("async", 12), 12, "ok", "")).toList());
        new ShardFile(k, n, ASYNC, sorted).write(dir);
        for (String s : sorted) {
            SubmissionTest.write(dir.resolve(s).resolve("results.json"), "{\"score\": 12}\n");
        }
        return dir;
    }

    static Path shards(Path dir, int n) throws Exception {
        Path shards = dir.resolve("shards");
        List<List<String>> byShard = split(n);
        for (int k = 1; k <= n; k++) {
            shard(shards, "shard-" + k, k, n, byShard.get(k - 1));
        }
        return shards;
    }

    /** The merge's problems; asserts that nothing was written. */
    static String problems(Path shards, Path out) throws Exception {
        List<String> problems = ShardMerge.forKit().merge(shards, out);
        assertFalse(problems.isEmpty(), "problems reported");
        assertFalse(Files.exists(out.resolve("gradebook.csv")), "nothing merged: " + problems);
        problems.forEach(p -> assertEquals(1, p.lines().count(), p));
        return String.join("\n", problems);
    }

    @Test
    void shardsThatAddUpToTheClassAreMerged(@TempDir Path dir) throws Exception {
        Path shards = shards(dir, 3);
        Path out = dir.resolve("batch");
        SubmissionTest.write(out.resolve("stale/results.json"), "{}");
        assertEquals(List.of(), ShardMerge.forKit().merge(shards, out));
        List<String> expected = IntStream.range(0, 30).mapToObj(i -> "student" + i).sorted().toList();
        assertEquals(expected, Gradebook.read(out.resolve("gradebook.csv")).stream().map(r -> r.get("student")).toList());
        for (String s : expected) {
            assertTrue(Files.isRegularFile(out.resolve(s).resolve("results.json")), s);
        }
        assertFalse(Files.exists(out.resolve("stale")), "the merged folder holds the merge only");
        // The merged folder is itself a batch output (1 of 1): merging it alone gives it again.
        Path again = dir.resolve("again");
        Files.createDirectories(again);
        Files.move(out, again.resolve("all"));
        assertEquals(List.of(), ShardMerge.forKit().merge(again, dir.resolve("batch2")));
        assertEquals(Files.readString(again.resolve("all/gradebook.csv")), Files.readString(dir.resolve("batch2/gradebook.csv")));
    }

    @Test
    void aStudentInTwoShardsIsReported(@TempDir Path dir) throws Exception {
        List<List<String>> byShard = split(3);
        Path shards = shards(dir, 3);
        String twice = byShard.get(0).get(0);
        List<String> second = new ArrayList<>(byShard.get(1));
        second.add(twice);
        Files.walk(shards.resolve("shard-2")).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        shard(shards, "shard-2", 2, 3, second);
        String problems = problems(shards, dir.resolve("batch"));
        assertTrue(problems.contains("Student " + twice + " is in two shards: shard-1 and shard-2."), problems);
        assertTrue(problems.contains("student " + twice + " belongs to shard 1 of 3, not to shard 2"), problems);
        // Without case too: the merged folder may be on a file system that does not tell them apart.
        shards = shards(dir.resolve("case"), 3);
        String upper = twice.toUpperCase(java.util.Locale.ROOT);
        shard(shards, "shard-4", 3, 3, List.of(upper));
        problems = problems(shards, dir.resolve("batch"));
        assertTrue(problems.contains("Student " + upper + " is in two shards: shard-1 and shard-4."), problems);
    }

    @Test
    void aMissingShardIsReported(@TempDir Path dir) throws Exception {
        Path shards = shards(dir, 3);
        Files.walk(shards.resolve("shard-2")).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        String problems = problems(shards, dir.resolve("batch"));
        assertTrue(problems.contains("Shard 2 of 3 is missing: no folder holds it. Grade it (-Dshard=2/3)"), problems);
    }

    @Test
    void aShardTwiceOrShardsOfDifferentSplitsAreReported(@TempDir Path dir) throws Exception {
        Path shards = shards(dir, 3);
        shard(shards, "shard-2-again", 2, 3, List.of());
        String problems = problems(shards, dir.resolve("batch"));
        assertTrue(problems.contains("Shard 2/3 is in two folders: shard-2 and shard-2-again."), problems);

        Path mixed = shards(dir.resolve("mixed"), 3);
        shard(mixed, "shard-x", 1, 2, split(2).get(0));
        problems = problems(mixed, dir.resolve("batch"));
        assertTrue(problems.contains("Shard folder shard-x is shard 1 of 2, but shard-1 is shard 1 of 3: shards of different splits"), problems);

        Path exercises = shards(dir.resolve("exercises"), 2);
        List<String> second = split(2).get(1).stream().sorted().toList();
        new ShardFile(2, 2, List.of("counter"), second).write(exercises.resolve("shard-2"));
        Gradebook.writeRows(exercises.resolve("shard-2/gradebook.csv"), List.of("counter"),
                second.stream().map(s -> new Gradebook.Row(s, Map.of("counter", 20), 20, "ok", "")).toList());
        problems = problems(exercises, dir.resolve("batch"));
        assertTrue(problems.contains("Shard folder shard-2 graded counter, but shard-1 graded async"), problems);
    }

    @Test
    void aFolderThatIsNotABatchOutputIsReported(@TempDir Path dir) throws Exception {
        Path shards = shards(dir, 2);
        Files.createDirectories(shards.resolve("downloads"));
        Files.writeString(shards.resolve("notes.txt"), "hi");
        Files.createDirectories(shards.resolve("no-book"));
        new ShardFile(1, 2, ASYNC, List.of()).write(shards.resolve("no-book"));
        Files.createDirectories(shards.resolve("bad-json"));
        Files.writeString(shards.resolve("bad-json/shard.json"), "{\"shard\": 3, \"of\": 2, \"exercises\": [\"async\"], \"students\": []}");
        Files.writeString(shards.resolve("bad-json/gradebook.csv"), "student,async,total,status,original_id\n");
        Files.createSymbolicLink(shards.resolve("linked"), shards.resolve("shard-1"));
        String problems = problems(shards, dir.resolve("batch"));
        assertTrue(problems.contains("Shard folder downloads is not a batch output: it has no shard.json"), problems);
        assertTrue(problems.contains("notes.txt is a file, not a shard folder"), problems);
        assertTrue(problems.contains("Shard folder no-book is not a batch output: it has no gradebook.csv."), problems);
        assertTrue(problems.contains("Shard folder bad-json: shard.json does not say which shard it is"), problems);
        assertTrue(problems.contains("Shard folder linked: a symbolic link"), problems);

        Path empty = dir.resolve("empty");
        Files.createDirectories(empty);
        assertTrue(problems(empty, dir.resolve("batch")).contains("No shard folders in"));
        assertTrue(problems(dir.resolve("nowhere"), dir.resolve("batch")).contains("No shards folder at"));
        assertTrue(problems(shards, shards.resolve("out")).contains("overlap"), "the output is never inside the shards, nor the other way");
    }

    @Test
    void aShardWhoseRunDidNotFinishIsReported(@TempDir Path dir) throws Exception {
        Path shards = shards(dir, 2);
        List<String> listed = new ArrayList<>(split(2).get(0));
        listed.add("late");
        new ShardFile(1, 2, ASYNC, listed).write(shards.resolve("shard-1"));
        String gone = split(2).get(1).get(0);
        Files.delete(shards.resolve("shard-2/" + gone + "/results.json"));
        Files.delete(shards.resolve("shard-2/" + gone));
        String problems = problems(shards, dir.resolve("batch"));
        assertTrue(problems.contains("Shard folder shard-1: 1 of its " + listed.size() + " students have no gradebook row (its run did not finish): late."),
                problems);
        assertTrue(problems.contains("Shard folder shard-2: student " + gone + " has a gradebook row but no folder of reports."),
                problems);
    }

    /** What someone who can edit an artifact might put in: links out, names that are paths, formulas, text for numbers. */
    @Test
    void shardFoldersAreUntrustedInput(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "SECRET");
        Path shards = shards(dir, 2);
        String s1 = split(2).get(0).get(0);
        Files.createSymbolicLink(shards.resolve("shard-1").resolve(s1).resolve("leak.txt"), secret);
        String problems = problems(shards, dir.resolve("batch"));
        assertTrue(problems.contains("Shard folder shard-1: " + s1 + "/leak.txt is a symbolic link or a special file"), problems);
        Files.delete(shards.resolve("shard-1").resolve(s1).resolve("leak.txt"));
        Files.delete(shards.resolve("shard-1").resolve(s1).resolve("results.json"));
        Files.createSymbolicLink(shards.resolve("shard-1").resolve(s1).resolve("results.json"), secret);
        assertTrue(problems(shards, dir.resolve("batch")).contains(s1 + "/results.json is a symbolic link"));

        Path raw = shards(dir.resolve("raw"), 1);
        List<String> all = split(1).get(0).stream().sorted().toList();
        String header = "student,async,total,status,original_id\n";
        StringBuilder csv = new StringBuilder(header);
        for (String s : all) {
            csv.append(s).append(",12,12,").append(s.equals(all.get(0)) ? "\"=HYPERLINK(\"\"http://x\"\")\"" : "ok").append(",\n");
        }
        Files.writeString(raw.resolve("shard-1/gradebook.csv"), csv);
        Path out = dir.resolve("batch");
        assertEquals(List.of(), ShardMerge.forKit().merge(raw, out));
        assertEquals("'=HYPERLINK(\"http://x\")", BatchGradingTest.row(Gradebook.read(out.resolve("gradebook.csv")), all.get(0)).get("status"),
                "a formula put in by hand is made safe again");

        out = dir.resolve("batch-not-merged");
        for (String bad : List.of("../escape", ".hidden", "gradebook.csv", "a\u202eb")) {
            Files.writeString(raw.resolve("shard-1/gradebook.csv"), header + "\"" + bad + "\",12,12,ok,\n");
            assertTrue(problems(raw, out).contains("is not a safe student id"), bad);
        }
        Files.writeString(raw.resolve("shard-1/gradebook.csv"), header + all.get(0) + ",=1+1,12,ok,\n");
        assertTrue(problems(raw, out).contains("student " + all.get(0) + " has =1+1 where gradebook.csv has points"));
        Files.writeString(raw.resolve("shard-1/gradebook.csv"), "student,=cmd(),total,status,original_id\n");
        assertTrue(problems(raw, out).contains("gradebook.csv has the columns student, =cmd(), total"));
        new ShardFile(1, 1, List.of("=cmd()"), List.of()).write(raw.resolve("shard-1"));
        assertTrue(problems(raw, out).contains("=cmd() is not one of this kit's exercises"));
        assertFalse(Files.exists(out), "nothing written by a merge that found problems");
    }

    static List<String> files(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }
}
