package lab.grader.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import lab.grader.Grading;
import lab.grader.rubric.ExerciseSpec;
import lab.grader.rubric.Rubric;
import lab.grader.sandbox.Sandbox;
import lab.grader.selftest.TestSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A class graded in batch where every submission but one attacks: reads the reference solution, the hidden
 * checks, a classmate's work and results, the environment, and sends them to a port on the host; writes
 * outside its folder (the gradebook, a classmate's results); leaves detached and orphaned processes meant to
 * forge the gradebook later; forks and starts threads without end; fills the disk; forges its verdict by
 * reflection; hides grader and JUnit classes behind a Unicode-escaped package line. Beside them a correct
 * classmate, ada.
 *
 * <p>Graded twice: as an instructor grades (the forbidden-API check refuses most of it before it runs, the
 * rest runs in the sandbox), and with the forbidden-API check off, so that the sandbox alone must hold. Either
 * way: ada keeps full marks, the gradebook holds exactly the real rows, no report shows a secret, and the host
 * sees nothing (no file, no connection, no process left).
 */
@org.junit.jupiter.api.Tag(lab.grader.selftest.SideBySide.TAG)
public class HostileCodeInBatchTest {
    static final Path ROOT = SubmissionTest.ROOT;
    public static final Path SOLUTION = ROOT.resolve("solutions/src/main/java/lab/async/Gather.java");
    static final Path STUB = ROOT.resolve("exercises/src/main/java/lab/async/Gather.java");
    /** Set for this test JVM by the surefire configuration: a secret of the instructor's environment. */
    static final String ENV_SECRET = "ENV-MARKER-c0ffee";
    static final String CLASSMATE_SECRET = "CLASSMATE-MARKER-5d1e";
    static final String HOST_SECRET = "HOST-SECRET-MARKER-91c2";
    static final String SOLUTION_SECRET = "Reference solution for the {@code async} exercise";
    /** In the hidden checks' source, class and rubric alike (and in no name the attacks use). */
    static final String HIDDEN_SECRET = "countersExactManyThreads";

    /** A file in the kit itself (not under /tmp, which is the sandbox's own): its folder is not even there. */
    static final Path KIT_WRITE = ROOT.resolve("grader/target/pwned-by-mallory.txt");

    @TempDir
    static Path dir;
    static ServerSocket listener;
    static final AtomicInteger connections = new AtomicInteger();
    static Thread acceptor;

    @BeforeAll
    static void listenOnTheHostsLoopback() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        listener.setSoTimeout(200);
        acceptor = new Thread(() -> {
            while (!listener.isClosed()) {
                try (Socket s = listener.accept()) {
                    connections.incrementAndGet();
                } catch (SocketTimeoutException e) {
                    // keep listening
                } catch (IOException e) {
                    return;
                }
            }
        }, "test-host-listener");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterAll
    static void stopListening() throws IOException {
        listener.close();
    }

    /**
     * The first digits of the sleeps this class's attacks leave behind ({@code sleep 31337} and so on): what
     * {@link #hostProcesses} looks for. Another test passes its own as {@code MARK}: side-by-side classes are
     * graded at the same time, and each must see only its own attackers' processes.
     */
    public static final String MARK = "3133";

    public static String attack(String name, Map<String, String> fill) throws IOException {
        try (InputStream in = HostileCodeInBatchTest.class.getResourceAsStream("hostile/" + name + ".txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> e : fill.entrySet()) {
                text = text.replace("@" + e.getKey() + "@", e.getValue());
            }
            return text.replace("@MARK@", MARK);
        }
    }

    /** Every attack that runs (reader, writer, detached, forks, disk, threads) as one class {@code Attack}, one after the other. */
    public static String allAttacks(Map<String, String> fill) throws IOException {
        StringBuilder b = new StringBuilder("final class Attack {\n    static void run() {\n");
        StringBuilder classes = new StringBuilder();
        for (String a : List.of("writer", "detached", "forks", "disk", "threads", "reader")) {
            String name = "Attack" + Character.toUpperCase(a.charAt(0)) + a.substring(1);
            classes.append(attack(a, fill).replace("final class Attack {", "final class " + name + " {")).append('\n');
            b.append("        try {\n            ").append(name).append(".run();\n        } catch (Throwable e) {\n")
                    .append("            System.out.println(\"").append(a).append(": \" + e);\n        }\n");
        }
        return b.append("    }\n}\n").append(classes).toString();
    }

    /** {@code base} (a Gather source) whose static initialiser runs the attack. */
    public static String gatherWith(Path base, String attack) throws IOException {
        String source = Files.readString(base).replaceFirst("public final class Gather \\{",
                "public final class Gather {\n    static {\n        Attack.run();\n    }\n");
        return source + "\n" + attack;
    }

    public static String javaStrings(List<String> values) {
        return values.stream().map(v -> "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"").collect(Collectors.joining(", "));
    }

    /** A grader class, then a JUnit one, behind a package line that only javac sees (the regex sees lab.async). */
    static String hiddenPackage(String pkg, String cls) {
        return "\\u002f\\u002a\npackage lab.async;\n\\u002a\\u002f\npackage " + pkg + ";\n\npublic class " + cls
                + " {\n    static {\n        System.out.println(\"shadowed " + cls + "\");\n    }\n}\n";
    }

    /** The class: ada (correct) and the attackers, with the secrets they go for planted where they would be. */
    static Path submissions(Path base, Path out) throws Exception {
        Path subs = base.resolve("submissions");
        Path ada = subs.resolve("ada/Gather.java");
        SubmissionTest.write(ada, Files.readString(SOLUTION).replace("public final class Gather {",
                "// " + CLASSMATE_SECRET + "\npublic final class Gather {"));
        Path hostSecret = base.resolve("host/secret.txt");
        SubmissionTest.write(hostSecret, HOST_SECRET);
        Files.createDirectories(out);
        Files.writeString(out.resolve("secret-in-output.txt"), HOST_SECRET);
        List<String> secrets = List.of(SOLUTION.toString(), ROOT.resolve("grader/src/hidden/java/lab/grader/counter/CounterHiddenChecks.java").toString(),
                ROOT.resolve("grader/src/hidden/resources/lab/grader/hidden/rubric.json").toString(), ada.toString(),
                out.resolve("ada/results.json").toString(), out.resolve("secret-in-output.txt").toString(), hostSecret.toString(),
                "/proc/self/environ", "/root/.m2/settings.xml");
        Map<String, String> fill = Map.of(
                "SECRETS", javaStrings(secrets),
                "PORT", String.valueOf(listener.getLocalPort()),
                "TARGETS", javaStrings(List.of(base.resolve("host/pwned.txt").toString(), out.resolve("gradebook.csv").toString(),
                        out.resolve("ada/results.json").toString(), ada.toString(), "/tmp/pwned-by-mallory.txt",
                        KIT_WRITE.toString())),
                "GRADEBOOK", out.resolve("gradebook.csv").toString(),
                "CLASSMATE_RESULTS", out.resolve("ada/results.json").toString(),
                "CHECKS", javaStrings(Rubric.load().select("async").get(0).checks().stream().map(c -> c.id()).toList()));
        for (String a : List.of("reader", "writer", "detached", "forks", "threads", "disk")) {
            SubmissionTest.write(subs.resolve("mallory-" + a + "/Gather.java"), gatherWith(SOLUTION, attack(a, fill)));
        }
        SubmissionTest.write(subs.resolve("mallory-forger/Gather.java"), gatherWith(STUB, attack("forger", fill)));
        SubmissionTest.write(subs.resolve("mallory-grader-class/ForkListener.java"), hiddenPackage("lab.grader.fork", "ForkListener"));
        SubmissionTest.write(subs.resolve("mallory-junit-class/LauncherFactory.java"),
                hiddenPackage("org.junit.platform.launcher.core", "LauncherFactory"));
        return subs;
    }

    static BatchGrader grader(Sandbox sandbox) throws Exception {
        List<String> flags = new ArrayList<>(Grading.standardFlags(System.getProperty("lab.jvm.flags", "")));
        flags.add("-Dgrader.callLimitSeconds=4");
        ExerciseSpec async = Rubric.load().select("async").get(0);
        return new BatchGrader(KitSources.of(ROOT), List.of(async), BatchMain.graderClasspath(ROOT), flags, Duration.ofMinutes(2),
                new MachineSlots(Runtime.getRuntime().availableProcessors()), sandbox, SourceCompiler.Limits.DEFAULT_TIME_LIMIT);
    }

    static Map<String, Map<String, String>> book(Path out) throws IOException {
        Map<String, Map<String, String>> rows = new TreeMap<>();
        for (Map<String, String> r : Gradebook.read(out.resolve("gradebook.csv"))) {
            rows.put(r.get("student"), r);
        }
        return rows;
    }

    /** Every report of one student, as one text. */
    static String reports(Path out, String student) throws IOException {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> walk = Files.walk(out.resolve(student))) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                b.append(Files.readString(p, StandardCharsets.ISO_8859_1)).append('\n');
            }
        }
        return b.toString();
    }

    public static int printed(String text, String name) {
        Matcher m = Pattern.compile(name + "=(\\d+)").matcher(text);
        assertTrue(m.find(), name + " not printed: " + text);
        return Integer.parseInt(m.group(1));
    }

    /** Processes on the host whose command line holds {@code marker} (a sandbox's leftovers would). */
    public static List<String> hostProcesses(String marker) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
                    if (cmd.contains(marker)) {
                        found.add(p.getFileName() + ": " + cmd);
                    }
                } catch (IOException e) {
                    // gone
                }
            }
        }
        return found;
    }

    static void assertNoSecretIn(String student, String text) {
        for (String secret : List.of(ENV_SECRET, CLASSMATE_SECRET, HOST_SECRET, SOLUTION_SECRET, HIDDEN_SECRET)) {
            assertFalse(text.contains(secret), student + "'s reports show the secret " + secret);
        }
    }

    static void assertTheClassIsIntact(Path subs, Path out, Map<String, Map<String, String>> book) throws IOException {
        List<String> students;
        try (Stream<Path> list = Files.list(subs)) {
            students = list.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(students, List.copyOf(book.keySet()), "the gradebook holds exactly the real rows");
        assertEquals("12", book.get("ada").get("total"), "ada keeps full marks: " + book.get("ada"));
        assertEquals("ok", book.get("ada").get("status"));
        JsonNode ada = new ObjectMapper().readTree(out.resolve("ada/results.json").toFile());
        assertEquals(12, ada.get("score").asInt());
        assertTrue(Files.readString(subs.resolve("ada/Gather.java")).contains(CLASSMATE_SECRET), "ada's work untouched");
        assertFalse(Files.exists(dir.resolve("host/pwned.txt")) || Files.exists(Path.of("/tmp/pwned-by-mallory.txt")),
                "nothing written on the host");
        assertFalse(Files.readString(out.resolve("gradebook.csv")).contains("forged"), "no forged row");
        assertEquals(0, connections.get(), "no connection reached the host's loopback");
    }

    /** Grades the class in the sandbox (with or without the forbidden-API check), checks it is intact, returns the gradebook. */
    static Map<String, Map<String, String>> gradeTheClass(Path base, boolean checkApis) throws Exception {
        BatchGrader grader = grader(TestSandbox.bubblewrap());
        Path out = base.resolve("batch");
        Path subs = submissions(base, out);
        BatchGradingTest.run(checkApis ? grader : grader.withoutApiCheck(), subs, out, true, 1);
        Map<String, Map<String, String>> book = book(out);
        assertTheClassIsIntact(subs, out, book);
        return book;
    }

    @Test
    void asAnInstructorGradesTheApiCheckRefusesTheAttacksAndTheSandboxHoldsTheRest() throws Exception {
        Path out = dir.resolve("instructor/batch");
        Map<String, Map<String, String>> book = gradeTheClass(dir.resolve("instructor"), true);
        for (String refused : List.of("reader", "writer", "detached", "forks", "disk", "forger")) {
            String student = "mallory-" + refused;
            assertEquals("0", book.get(student).get("total"), student + ": " + book.get(student));
            String text = reports(out, student);
            assertTrue(text.contains("does not allow"), student + ": " + text);
            assertFalse(text.contains("ATTACK-RAN"), student + "'s code never ran");
            assertNoSecretIn(student, text);
        }
        String forger = reports(out, "mallory-forger");
        assertTrue(forger.contains("java.lang.Class.forName(...) in lab.async.Attack (Gather.java:"), forger);
        assertTrue(forger.contains("reflection can reach the grader"), forger);
        assertTrue(forger.contains("java.lang.Runtime.halt(...)"), forger);
        assertTrue(reports(out, "mallory-reader").contains("java.nio.file.Files in lab.async.Attack"), reports(out, "mallory-reader"));

        // Threads are allowed; the sandbox's task limit bounds them, and the submission is graded as it is.
        String threads = reports(out, "mallory-threads");
        assertTrue(printed(threads, "THREADS") < 1024, threads);
        assertEquals("12", book.get("mallory-threads").get("total"), book.get("mallory-threads").toString());

        // Classes in the grader's or JUnit's packages never reach a grading JVM; the kit's stub is graded.
        for (String student : List.of("mallory-grader-class", "mallory-junit-class")) {
            String text = reports(out, student);
            assertEquals("0", book.get(student).get("total"), student);
            // javac's own parse finds the real package: the file is not even compiled.
            assertTrue(text.contains("package lab.grader.fork is not one of the kit's exercises")
                    || text.contains("package org.junit.platform.launcher.core is not one of the kit's exercises"), text);
            assertFalse(text.contains("shadowed"), "the shadowing class never ran: " + text);
        }
        assertTrue(hostProcesses(MARK).isEmpty(), "no process left: " + hostProcesses(MARK));
    }

    @Test
    void withoutTheApiCheckTheSandboxAloneKeepsEverySecretFileProcessAndConnectionIn() throws Exception {
        Path out = dir.resolve("sandbox-only/batch");
        Map<String, Map<String, String>> book = gradeTheClass(dir.resolve("sandbox-only"), false);
        for (String attack : List.of("reader", "writer", "detached", "forks", "disk", "threads", "forger")) {
            String student = "mallory-" + attack;
            String text = reports(out, student);
            assertTrue(text.contains("ATTACK-RAN"), student + "'s code ran: " + text);
            assertNoSecretIn(student, text);
        }
        String reader = reports(out, "mallory-reader");
        assertTrue(reader.contains("not sent:"), "the host's loopback is out of reach: " + reader);
        assertTrue(reader.contains("env: {"), reader);
        // Writes under /tmp land in the sandbox's own /tmp and vanish with it; anywhere else there is nothing to write to.
        assertTrue(reports(out, "mallory-writer").contains("not written " + KIT_WRITE), reports(out, "mallory-writer"));
        assertFalse(Files.exists(KIT_WRITE), "nothing written in the kit");
        // No process of any submission is left: none can forge anything later.
        assertTrue(hostProcesses(MARK).isEmpty(), "no process left: " + hostProcesses(MARK));
        assertTrue(printed(reports(out, "mallory-threads"), "THREADS") < 1024);
        assertTrue(printed(reports(out, "mallory-disk"), "WROTE") <= 6 * (64 << 20), reports(out, "mallory-disk"));
        // The forger finds no report line to write to: the untouched stub scores 0.
        assertEquals("0", book.get("mallory-forger").get("total"), book.get("mallory-forger").toString());
        assertTrue(reports(out, "mallory-forger").contains("no report line found"), reports(out, "mallory-forger"));
        // The environment of the grader never reaches the sandbox; this JVM has it.
        assertEquals(ENV_SECRET, System.getenv("LAB_TEST_SECRET"), "the test's own environment holds the secret");
    }

    @Test
    void withTheSandboxOffTheGradebookAndEveryReportSaySo() throws Exception {
        Path base = dir.resolve("off");
        Path out = base.resolve("batch");
        Path subs = base.resolve("submissions");
        SubmissionTest.write(subs.resolve("ada/Gather.java"), Files.readString(SOLUTION));
        BatchGradingTest.run(grader(Sandbox.NONE), subs, out, true, 1);
        assertEquals("ok; not sandboxed", book(out).get("ada").get("status"));
        assertEquals("12", book(out).get("ada").get("total"));
        for (String report : List.of("results.json", "summary.md", "console.txt")) {
            assertTrue(Files.readString(out.resolve("ada").resolve(report)).contains("Not sandboxed"), report);
        }
    }
}
