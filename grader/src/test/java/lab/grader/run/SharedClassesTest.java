package lab.grader.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lab.grader.integrity.GraderClasspath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data archive of the grading JVMs' libraries: made once and reused, the class path put
 * libraries first and the grader's folders after them (the code under test still comes last), a JVM
 * with its flags really maps JUnit's classes from it, and a cache folder another user could write is
 * never used.
 */
@org.junit.jupiter.api.Tag(lab.grader.selftest.SideBySide.TAG)
class SharedClassesTest {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final List<String> FLAGS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-Xshare:off");

    private static GraderClasspath graderPath() {
        List<String> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!e.contains("test-classes") && !e.contains("surefire")) {
                entries.add(Path.of(e).toAbsolutePath().toString());
            }
        }
        return GraderClasspath.plain(String.join(File.pathSeparator, entries));
    }

    @Test
    void theArchiveIsMadeOnceAndJvmsMapJUnitFromIt(@TempDir Path tmp) throws Exception {
        Path cache = tmp.resolve("cache");
        Files.createDirectories(cache, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        GraderClasspath grader = graderPath();
        SharedClasses.Use use = SharedClasses.prepare(JAVA, FLAGS, grader, cache, false);
        assertNotNull(use, "an archive could be made");

        List<Path> entries = GraderClasspath.entries(use.classpath().full());
        int firstFolder = 0;
        while (firstFolder < entries.size() && entries.get(firstFolder).toString().endsWith(".jar")) {
            firstFolder++;
        }
        for (Path p : entries.subList(firstFolder, entries.size())) {
            assertTrue(Files.isDirectory(p), "libraries first, then the grader's folders: " + entries);
        }
        assertTrue(firstFolder < entries.size(), "the grader's own folders are still there");
        assertEquals(GraderClasspath.entries(grader.full()).size() + 1, entries.size(), "every entry kept, plus the warm-up's jar");
        assertFalse(use.flags().contains("-Xshare:off"));
        Path archive = use.archive();
        assertTrue(Files.size(archive) > 0);
        long made = Files.getLastModifiedTime(archive).toMillis();

        SharedClasses.Use again = SharedClasses.prepare(JAVA, FLAGS, grader, cache, false);
        assertEquals(use, again, "the same libraries and JDK: the same archive, not made again");
        assertEquals(made, Files.getLastModifiedTime(archive).toMillis());

        // A JVM with these flags maps JUnit's launcher from the archive.
        List<String> cmd = new ArrayList<>(List.of(JAVA));
        cmd.addAll(use.flagsReading(use.archive()));
        cmd.add("-Xlog:class+load=info");
        cmd.addAll(List.of("-cp", use.classpath().full(), SharedClassesWarmup.class.getName()));
        Path out = tmp.resolve("out.txt");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        String log = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(log.lines().anyMatch(l -> l.contains("org.junit.platform.launcher.core.LauncherFactory source: shared objects file")),
                "JUnit's launcher came from the archive");
    }

    @Test
    void spotBugsJvmMapsItsOwnArchive(@TempDir Path tmp) throws Exception {
        Path cache = tmp.resolve("cache");
        Files.createDirectories(cache, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        String classpath = graderPath().full();
        SharedClasses.Use use = SharedClasses.forTool(JAVA, FLAGS, classpath, lab.grader.spotbugs.SpotBugsWarmup.class, cache);
        assertNotNull(use);
        List<String> cmd = new ArrayList<>(List.of(JAVA));
        cmd.addAll(use.flagsReading(use.archive()));
        cmd.add("-Xlog:class+load=info");
        Path findings = tmp.resolve("findings.json");
        cmd.addAll(List.of("-cp", use.classpath().full(), lab.grader.spotbugs.SpotBugsMain.class.getName(), findings.toString(),
                Path.of("target", "classes", "lab", "grader", "harness").toAbsolutePath().toString()));
        Path out = tmp.resolve("out.txt");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        String log = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), log.length() > 2000 ? log.substring(log.length() - 2000) : log);
        assertTrue(Files.isRegularFile(findings), "SpotBugs ran to the end");
        assertTrue(log.lines().anyMatch(l -> l.contains("edu.umd.cs.findbugs.FindBugs2 source: shared objects file")),
                "SpotBugs' engine came from the archive");
    }

    @Test
    void gradingJvmsInTheSandboxMapTheArchive(@TempDir Path tmp) throws Exception {
        // With "required", a grading JVM that cannot map the archive does not start: full marks prove
        // that every one of async's and counter's JVMs (Lincheck's agent included) used it, in bubblewrap.
        lab.grader.sandbox.Sandbox box = lab.grader.selftest.TestSandbox.bubblewrap();
        System.setProperty("grader.sharedClasses", "required");
        try {
            List<lab.grader.rubric.ExerciseSpec> exercises = lab.grader.rubric.Rubric.load().exercises().stream()
                    .filter(e -> e.id().equals("async") || e.id().equals("counter")).toList();
            lab.grader.report.GradeReport report = new lab.grader.Grading("cds", lab.grader.selftest.SelfGradeTestAccess.graderClasspath(),
                    List.of(lab.grader.selftest.SelfGradeTestAccess.classesOf("solutions")),
                    lab.grader.Grading.standardFlags(System.getProperty("lab.jvm.flags", "")), java.time.Duration.ofMinutes(5),
                    tmp.resolve("grade"), tmp.resolve("xml")).untrustedIn(box)
                    .run(exercises, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            assertEquals(report.maxPoints(), report.points(), () -> report.exercises().toString());
        } finally {
            System.clearProperty("grader.sharedClasses");
        }
    }

    @Test
    void aCacheFolderOthersCouldWriteIsNeverUsed(@TempDir Path tmp) throws Exception {
        Path cache = tmp.resolve("open");
        Files.createDirectories(cache);
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertNull(SharedClasses.prepare(JAVA, FLAGS, graderPath(), cache, false));
        try (var listing = Files.list(cache)) {
            assertEquals(0, listing.count(), "nothing written there either");
        }
    }

    @Test
    void noArchiveWithoutLibrariesInJars(@TempDir Path tmp) throws Exception {
        Path cache = tmp.resolve("cache");
        Files.createDirectories(cache, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        assertNull(SharedClasses.prepare(JAVA, FLAGS, GraderClasspath.plain(tmp.toString()), cache, false));
    }

    @Test
    void theJvmsNoticeAboutSharingIsNotTheStudentsOutput() {
        assertTrue(ExerciseRunner.isSharingNotice("OpenJDK 64-Bit Server VM warning: Sharing is only supported for boot loader classes"
                + " because bootstrap classpath has been appended"));
        assertFalse(ExerciseRunner.isSharingNotice("Sharing is only supported for boot loader classes, said the student"));
    }
}
