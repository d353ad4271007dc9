package lab.grader.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code -Dshard=K/N}: what it accepts, the one-line error for anything else (and nothing graded), and
 * the slices themselves: a student's shard depends on the student and N alone, and the N shards
 * together hold every student exactly once.
 */
@org.junit.jupiter.api.Tag(lab.grader.selftest.SideBySide.TAG)
class ShardTest {
    static final Path ROOT = SubmissionTest.ROOT;

    @Test
    void kOfNIsParsedAndNothingIsTheWholeClass() {
        assertEquals(new Shard(1, 3), Shard.parse("1/3"));
        assertEquals(new Shard(3, 3), Shard.parse("3/3"));
        assertEquals(new Shard(7, 12), Shard.parse(" 7/12 "));
        assertEquals(Shard.ALL, Shard.parse("1/1"));
        assertEquals(Shard.ALL, Shard.parse(""));
        assertEquals(Shard.ALL, Shard.parse(null));
        assertEquals("2/5", new Shard(2, 5).toString());
    }

    @Test
    void aBadShardIsOneLineThatSaysWhatToGive() {
        for (String bad : List.of("0/3", "4/3", "x/y", "1/0", "0/0", "-1/3", "1/-3", "2", "1/3/4", "1 / 3", "a1/3", "99999999999/3",
                "1/3\n2/3")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Shard.parse(bad), bad);
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            assertTrue(e.getMessage().startsWith("Bad -Dshard=") && e.getMessage().contains("K/N") && e.getMessage().contains("Nothing was graded"),
                    e.getMessage());
        }
        String saved = System.getProperty("lang");
        try {
            System.setProperty("lang", "id");
            String message = assertThrows(IllegalArgumentException.class, () -> Shard.parse("4/3")).getMessage();
            assertTrue(message.contains("-Dshard=4/3 salah") && message.contains("Tidak ada yang dinilai"), message);
        } finally {
            System.setProperty("lang", saved == null ? "" : saved);
        }
    }

    @Test
    void aBadShardGradesNothing(@TempDir Path dir) throws Exception {
        Path subs = dir.resolve("submissions");
        Files.createDirectories(subs.resolve("ada"));
        Path out = dir.resolve("batch");
        for (String bad : List.of("0/3", "4/3", "x/y", "1/0", "-1/3")) {
            assertEquals(2, new CommandLine(new BatchMain()).execute("--submissions=" + subs, "--kit=" + ROOT, "--out=" + out,
                    "--sandbox=off", "--no-html", "--shard=" + bad), bad);
            assertFalse(Files.exists(out), bad + ": nothing written");
        }
    }

    /**
     * The shard of a name is pinned: a kit that computed it differently would put a student in another
     * shard than a machine still running the older kit does, and the merge would find them twice or not at all.
     * The figures agree with an implementation of its own: in Python,
     * {@code int.from_bytes(hashlib.sha256(name.lower().encode()).digest()[:8], 'big') % n + 1}.
     */
    @Test
    void aStudentsShardIsTheSameOnEveryMachineAndInEveryVersionOfTheKit() {
        assertEquals(List.of(3, 3, 1, 3), List.of("ada", "ben", "cy", "dee").stream().map(s -> Shard.of(s, 3)).toList());
        assertEquals(List.of(3, 3, 3, 4), List.of("ada", "ben", "cy", "dee").stream().map(s -> Shard.of(s, 4)).toList());
        // Ids differing only in case share a shard (the batch grader tells them apart without case).
        assertEquals(Shard.of("ada", 7), Shard.of("ADA", 7));
        // A folder name that is not a safe id goes by the id it is graded under.
        assertEquals(Shard.of(StudentIds.hashed("../ada"), 5), Shard.of("../ada", 5));
    }

    @Test
    void aStudentsShardDoesNotDependOnWhoElseIsInTheClass() {
        List<String> everyone = IntStream.range(0, 60).mapToObj(i -> "s" + i).toList();
        List<String> fewer = everyone.subList(20, 40);
        List<String> others = new ArrayList<>(fewer);
        others.addAll(List.of("aaa", "a-late-one", "zzz", "0first"));
        for (int n = 1; n <= 6; n++) {
            for (int k = 1; k <= n; k++) {
                Shard shard = new Shard(k, n);
                List<String> ofAll = names(shard.select(entries(everyone)));
                for (List<String> cls : List.of(fewer, others)) {
                    List<String> ofCls = names(shard.select(entries(cls)));
                    assertEquals(ofAll.stream().filter(cls::contains).toList(), ofCls.stream().filter(everyone::contains).toList(),
                            shard + " of a different class");
                }
            }
        }
    }

    @Test
    void theShardsOfAClassHoldEveryStudentExactlyOnce() {
        List<String> cls = new ArrayList<>(IntStream.range(0, 200).mapToObj(i -> "student" + i).toList());
        cls.addAll(List.of("Ada", "ada.lovelace", "Łukasz", "学生", "../x", "a b", "=cmd"));
        for (int n = 1; n <= 8; n++) {
            Map<String, Integer> seen = new HashMap<>();
            for (int k = 1; k <= n; k++) {
                List<BatchMain.Entry> slice = new Shard(k, n).select(entries(cls));
                assertTrue(n > 7 || !slice.isEmpty(), "no empty shard of 200 students: " + k + "/" + n);
                for (BatchMain.Entry e : slice) {
                    assertEquals(null, seen.put(e.original() != null ? e.original() : e.id(), k), e + " in two shards of " + n);
                }
            }
            assertEquals(cls.size(), seen.size(), "every student in a shard of " + n);
        }
    }

    /** The command line: only the shard's students are graded, and shard.json says which shard this is. */
    @Test
    void aShardedRunGradesItsSliceAndSaysWhichItIs(@TempDir Path dir) throws Exception {
        Path subs = dir.resolve("submissions");
        List<String> cls = IntStream.range(0, 12).mapToObj(i -> "s" + i).toList();
        for (String s : cls) {
            // No sources: graded at once, without starting a JVM.
            SubmissionTest.write(subs.resolve(s).resolve("README.txt"), "nothing yet\n");
        }
        Path out = dir.resolve("batch");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        BatchMain main = new BatchMain();
        main.console = new PrintStream(console, true, StandardCharsets.UTF_8);
        assertEquals(0, new CommandLine(main).execute("--submissions=" + subs, "--kit=" + ROOT, "--out=" + out, "--exercise=async",
                "--sandbox=off", "--no-html", "--shard=2/3"));
        List<String> expected = cls.stream().filter(s -> Shard.of(s, 3) == 2).sorted().toList();
        assertFalse(expected.isEmpty());
        assertEquals(expected, Gradebook.read(out.resolve("gradebook.csv")).stream().map(r -> r.get("student")).toList());
        ShardFile file = new ObjectMapper().readValue(out.resolve("shard.json").toFile(), ShardFile.class);
        assertEquals(new ShardFile(2, 3, List.of("async"), expected), file);
        assertTrue(console.toString(StandardCharsets.UTF_8).contains("Shard 2/3 of the class: " + expected.size() + " students"),
                console.toString(StandardCharsets.UTF_8));
    }

    /** Students as a submissions folder of these names gives them (sorted, ids assigned as BatchMain assigns them). */
    static List<BatchMain.Entry> entries(List<String> names) {
        Map<String, Path> folders = new java.util.LinkedHashMap<>();
        names.stream().sorted().forEach(n -> folders.put(n, Path.of("submissions", "folder-" + folders.size())));
        return BatchMain.students(folders, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    static List<String> names(List<BatchMain.Entry> entries) {
        return entries.stream().map(e -> e.original() != null ? e.original() : e.id()).toList();
    }
}
