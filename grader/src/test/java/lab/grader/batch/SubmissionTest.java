package lab.grader.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which of a submission's files are graded, and where they go: by package declaration, never the grader's or the given ones. */
@org.junit.jupiter.api.Tag(lab.grader.selftest.SideBySide.TAG)
class SubmissionTest {
    static final Path ROOT = Path.of(System.getProperty("lab.root", "..")).toAbsolutePath().normalize();

    static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    static String counterClass(String name) {
        return "package lab.counter;\npublic final class " + name + " implements Counter {\n"
                + "  private long v;\n  public synchronized void increment() { v++; }\n  public synchronized long get() { return v; }\n}\n";
    }

    @Test
    void aStudentEditionRepositoryGivesOnlyItsExerciseSources(@TempDir Path dir) throws Exception {
        Path repo = dir.resolve("student");
        write(repo.resolve("exercises/src/main/java/lab/counter/LockCounter.java"), counterClass("LockCounter"));
        write(repo.resolve("exercises/src/main/java/lab/counter/Helper.java"), "package lab.counter;\nclass Helper { }\n");
        // Everything else in the repository is the kit's business, not the student's: never read.
        write(repo.resolve("grader/src/main/java/lab/grader/fork/ForkMain.java"), "package lab.grader.fork;\npublic class ForkMain { }\n");
        write(repo.resolve("exercises/src/test/java/lab/counter/MyTest.java"), "package lab.counter;\nclass MyTest { }\n");
        write(repo.resolve("pom.xml"), "<project/>");
        Submission s = Submission.collect(repo, KitSources.of(ROOT));
        assertEquals(Set.of("lab/counter/LockCounter.java", "lab/counter/Helper.java"), s.sources().keySet());
        assertTrue(s.notes().isEmpty(), s.notes().toString());
    }

    @Test
    void looseFilesArePlacedByTheirPackageAndTheGraderAndGivenClassesAreNotTaken(@TempDir Path dir) throws Exception {
        write(dir.resolve("LockCounter.java"), "/* package lab.queue; */\n// package lab.pool;\n" + counterClass("LockCounter"));
        write(dir.resolve("deep/er/AtomicCounter.java"), counterClass("AtomicCounter"));
        write(dir.resolve("Counter.java"), "package lab.counter;\npublic interface Counter { void increment(); long get(); void extra(); }\n");
        write(dir.resolve("StudentCall.java"), "package lab.grader.harness;\npublic class StudentCall { }\n");
        write(dir.resolve("Main.java"), "public class Main { }\n");
        write(dir.resolve("target/classes/X.java"), "package lab.counter;\nclass X { }\n");
        Submission s = Submission.collect(dir, KitSources.of(ROOT));
        assertEquals(Set.of("lab/counter/LockCounter.java", "lab/counter/AtomicCounter.java"), s.sources().keySet());
        String notes = String.join("\n", s.notes());
        assertTrue(notes.contains("Counter.java: lab/counter/Counter.java is given by the kit"), notes);
        assertTrue(notes.contains("StudentCall.java: package lab.grader.harness is not one of the kit's exercises"), notes);
        assertTrue(notes.contains("Main.java: it has no package declaration"), notes);
        assertFalse(notes.contains("X.java"), notes);
    }

    @Test
    void ofTwoCopiesOfAClassTheOneInItsPackageFolderWins(@TempDir Path dir) throws Exception {
        write(dir.resolve("backup/LockCounter.java"), counterClass("LockCounter") + "// old\n");
        write(dir.resolve("src/lab/counter/LockCounter.java"), counterClass("LockCounter"));
        Submission s = Submission.collect(dir, KitSources.of(ROOT));
        assertFalse(s.sources().get("lab/counter/LockCounter.java").contains("// old"));
        assertTrue(String.join("\n", s.notes()).contains("backup/LockCounter.java: src/lab/counter/LockCounter.java holds the same class"));
    }

    @Test
    void packageDeclarationsAreReadPastCommentsAndAnnotations() {
        assertEquals("lab.counter", Submission.packageOf("/** doc */\n@Deprecated\npackage lab . counter ;\n"));
        assertNull(Submission.packageOf("// package lab.counter;\nclass A { }"));
        // javac translates Unicode escapes first: what a regular expression takes for a comment is code, and the other way round.
        assertEquals("lab.grader.fork", Submission.packageOf("\\u002f\\u002a\npackage lab.counter;\n\\u002a\\u002f\npackage lab.grader.fork;\nclass A { }"));
        assertEquals("org.junit.platform", Submission.packageOf("// hidden \\u000a package org.junit.platform;\nclass A { }"));
    }

    @Test
    void theFingerprintFollowsTheSourcesAndTheChecks(@TempDir Path dir) throws Exception {
        write(dir.resolve("LockCounter.java"), counterClass("LockCounter"));
        KitSources kit = KitSources.of(ROOT);
        String first = Submission.collect(dir, kit).fingerprint("counter:a=1");
        assertEquals(first, Submission.collect(dir, kit).fingerprint("counter:a=1"));
        assertFalse(first.equals(Submission.collect(dir, kit).fingerprint("counter:a=2")));
        write(dir.resolve("LockCounter.java"), counterClass("LockCounter") + "\n");
        assertFalse(first.equals(Submission.collect(dir, kit).fingerprint("counter:a=1")));
    }
}
