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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import lab.grader.Grading;
import lab.grader.report.GradeReport;
import lab.grader.rubric.CheckSpec;
import lab.grader.rubric.ExerciseSpec;
import lab.grader.rubric.Rubric;
import lab.grader.run.CheckResult;
import lab.grader.run.ExerciseResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Student code that loops, deadlocks, exits, leaks threads, exhausts memory, floods the output or
 * forges a pass, graded through the real runner (separate JVMs): the grade stays right, the other
 * exercise keeps its points, and the reports are written.
 *
 * <p>Each case overlays one hostile contract class on the reference solutions and grades a few of
 * the counter's checks plus two checks of a clean exercise (threads) beside it (subsets keep this
 * suite fast).
 */
@org.junit.jupiter.api.Tag(lab.grader.selftest.SideBySide.TAG)
class HostileCodeTest {
    static final List<String> COUNTER_CHECKS = List.of("synchronizedSeedCase", "lockSeedCase", "atomicSeedCase",
            "counterRunJoinsBeforeReading");
    /**
     * The clean exercise's checks: two of threads, in a grading JVM of its own like the whole exercise's (the
     * point is that the hostile one's JVM, output and report cannot touch them; its other six checks would
     * only make every case three seconds longer).
     */
    static final List<String> OTHER_CHECKS = List.of("startNamedSeedCase", "rejectsBadArguments");

    /** One graded run over a hostile overlay. */
    record Graded(GradeReport report, ExerciseResult counter, ExerciseResult other, JsonNode json, String console, Path out) {
        CheckResult check(String id) {
            return counter.checks().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
        }
    }

    /**
     * Grades with the forbidden-API check off: these tests are about what the grading JVM and the runner do
     * with code that gets past it (the check itself has its own tests below).
     */
    static Graded grade(Path out, Map<String, String> hostileSources, Duration timeLimit) throws Exception {
        return grade(out, hostileSources, timeLimit, false);
    }

    static Graded grade(Path out, Map<String, String> hostileSources, Duration timeLimit, boolean checkApis) throws Exception {
        Path classes = out.resolve("hostile-classes");
        Files.createDirectories(classes);
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, String> src : hostileSources.entrySet()) {
            Path file = out.resolve("hostile-src").resolve(src.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, src.getValue());
            files.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("--release", "17", "-d", classes.toString(), "-cp",
                SelfGradeTest.classesOf("solutions").toString()));
        args.addAll(files);
        assertEquals(0, javac.run(null, null, null, args.toArray(String[]::new)), "hostile sources compile");

        Rubric rubric = Rubric.load();
        ExerciseSpec counterSpec = rubric.select("counter").get(0);
        List<CheckSpec> subset = counterSpec.checks().stream().filter(c -> COUNTER_CHECKS.contains(c.id())).toList();
        ExerciseSpec counter = new ExerciseSpec("counter", counterSpec.checksClass(), counterSpec.lesson(),
                List.of(), 10, subset);
        List<ExerciseSpec> exercises = new ArrayList<>(List.of(counter));
        ExerciseSpec threads = rubric.exercises().stream().filter(e -> e.id().equals("threads")).findFirst().orElse(null);
        if (threads != null) {
            exercises.add(0, threads.withChecks(threads.checks().stream().filter(c -> OTHER_CHECKS.contains(c.id())).toList()));
        }
        List<String> flags = new ArrayList<>(Grading.standardFlags(System.getProperty("lab.jvm.flags", "")));
        flags.add("-Dgrader.callLimitSeconds=3");
        Grading grading = new Grading("hostile", SelfGradeTest.graderClasspath(),
                List.of(classes, SelfGradeTest.classesOf("solutions")), flags, timeLimit, out.resolve("grade"),
                out.resolve("surefire-reports"));
        if (!checkApis) {
            grading = grading.withoutApiCheck();
        }
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        GradeReport report = grading.run(exercises, new PrintStream(console, true, StandardCharsets.UTF_8));
        JsonNode json = new ObjectMapper().readTree(out.resolve("grade/results.json").toFile());
        ExerciseResult counterResult = report.exercises().stream().filter(e -> e.spec().id().equals("counter")).findFirst().orElseThrow();
        ExerciseResult otherResult = report.exercises().stream().filter(e -> !e.spec().id().equals("counter")).findFirst().orElse(null);
        String text = console.toString(StandardCharsets.UTF_8);
        System.out.println(text);
        return new Graded(report, counterResult, otherResult, json, text, out);
    }

    static Graded grade(Path out, String fqcn, String source) throws Exception {
        return grade(out, Map.of(fqcn, source), Duration.ofMinutes(3));
    }

    /** The clean exercise graded beside the hostile one kept every point, and results.json agrees with the report. */
    static void othersUnaffected(Graded g) {
        if (g.other() != null) {
            assertEquals(g.other().spec().maxPoints(), g.other().points(), "the other exercise keeps its points");
        }
        assertEquals(g.report().points(), g.json().get("score").asInt());
    }

    static String counterClass(String name, String body) {
        return "package lab.counter;\npublic final class " + name + " implements Counter {\n" + body + "\n}\n";
    }

    @Test
    void anInfiniteLoopCostsOnlyItsChecks(@TempDir Path out) throws Exception {
        Graded g = grade(out, "lab.counter.LockCounter", counterClass("LockCounter",
                "public void increment() { while (true) { Thread.onSpinWait(); } }\npublic long get() { return 0; }"));
        CheckResult lock = g.check("lockSeedCase");
        assertFalse(lock.passed());
        assertEquals("harness.timeout", lock.key());
        assertTrue(lock.message().contains("did not finish in 3 s"), lock.message());
        assertTrue(lock.message().contains("> at lab.counter.LockCounter.increment"), lock.message());
        assertTrue(g.check("synchronizedSeedCase").passed());
        assertTrue(g.check("atomicSeedCase").passed());
        assertFalse(g.counter().zeroed());
        othersUnaffected(g);
    }

    @Test
    void aDeadlockIsNamedWithItsThreadsAndLocks(@TempDir Path out) throws Exception {
        Graded g = grade(out, "lab.counter.SynchronizedCounter", counterClass("SynchronizedCounter", """
                private final Object a = new Object(), b = new Object();
                private long value;
                private final java.util.concurrent.CyclicBarrier both = new java.util.concurrent.CyclicBarrier(2);
                private final java.util.Set<Thread> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
                public void increment() {
                    boolean first = seen.add(Thread.currentThread());
                    boolean odd = Thread.currentThread().getName().endsWith("1");
                    Object one = odd ? a : b, two = odd ? b : a;
                    synchronized (one) {
                        if (first && Thread.currentThread().getName().startsWith("grader-counter-worker")) {
                            try { both.await(); } catch (Exception e) { }
                        }
                        synchronized (two) { value++; }
                    }
                }
                public synchronized long get() { return value; }
                """));
        // Every thread waits for a lock another holds: proven a deadlock in about a second, not after the limit.
        CheckFailure(g.check("synchronizedSeedCase"), "harness.stalemate");
        String msg = g.check("synchronizedSeedCase").message();
        assertTrue(msg.contains("The JVM sees a deadlock"), msg);
        assertTrue(msg.contains("held by \"grader-counter-worker-"), msg);
        othersUnaffected(g);
    }

    static void CheckFailure(CheckResult r, String key) {
        assertFalse(r.passed(), r.id() + " should have failed");
        assertEquals(key, r.key(), r.message());
    }

    @Test
    void systemExitZeroesTheExerciseAndNamesTheCall(@TempDir Path out) throws Exception {
        Graded g = grade(out, "lab.counter.AtomicCounter", counterClass("AtomicCounter",
                "public void increment() { System.exit(0); }\npublic long get() { return 0; }"));
        assertEquals(0, g.counter().points());
        assertTrue(g.counter().zeroed());
        assertTrue(g.counter().problem().contains("System.exit"), g.counter().problem());
        assertTrue(g.counter().problem().contains("lab.counter.AtomicCounter.increment"), g.counter().problem());
        othersUnaffected(g);
    }

    @Test
    void runtimeHaltIsNamedFromTheBytecode(@TempDir Path out) throws Exception {
        Graded g = grade(out, "lab.counter.AtomicCounter", counterClass("AtomicCounter",
                "public void increment() { Runtime.getRuntime().halt(0); }\npublic long get() { return 0; }"));
        assertEquals(0, g.counter().points());
        assertTrue(g.counter().problem().contains("Runtime.halt at lab.counter.AtomicCounter.increment"), g.counter().problem());
        othersUnaffected(g);
    }

    @Test
    void exitFromAStaticInitialiserIsCaught(@TempDir Path out) throws Exception {
        Graded g = grade(out, "lab.counter.LockCounter", counterClass("LockCounter",
                "static { if (Boolean.parseBoolean(\"true\")) System.exit(3); }\n"
                        + "private final java.util.concurrent.atomic.AtomicLong v = new java.util.concurrent.atomic.AtomicLong();\n"
                        + "public void increment() { v.incrementAndGet(); }\npublic long get() { return v.get(); }"));
        assertEquals(0, g.counter().points());
        assertTrue(g.counter().problem().contains("System.exit"), g.counter().problem());
        othersUnaffected(g);
    }

    @Test
    void exitFromAnotherThreadIsCaught(@TempDir Path out) throws Exception {
        Graded g = grade(out, "lab.counter.AtomicCounter", counterClass("AtomicCounter",
                "private final java.util.concurrent.atomic.AtomicLong v = new java.util.concurrent.atomic.AtomicLong();\n"
                        + "public void increment() { if (v.incrementAndGet() == 1000) new Thread(() -> Runtime.getRuntime().exit(0), \"quitter\").start(); }\n"
                        + "public long get() { return v.get(); }"));
        assertEquals(0, g.counter().points());
        assertTrue(g.counter().problem().contains("Runtime.exit"), g.counter().problem());
        assertTrue(g.counter().problem().contains("quitter"), g.counter().problem());
        othersUnaffected(g);
    }

    @Test
    void threadsThatNeverEndAreReportedAndCannotKeepTheJvmAlive(@TempDir Path out) throws Exception {
        long start = System.nanoTime();
        Graded g = grade(out, "lab.counter.CounterRun", """
                package lab.counter;
                public final class CounterRun {
                    public static long incrementConcurrently(Counter c, int threads, int n) throws InterruptedException {
                        if (c == null) throw new NullPointerException();
                        if (threads < 1 || n < 0) throw new IllegalArgumentException();
                        Thread[] ws = new Thread[threads];
                        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(threads);
                        for (int i = 0; i < threads; i++) {
                            ws[i] = new Thread(() -> {
                                for (int k = 0; k < n; k++) c.increment();
                                done.countDown();
                                while (true) {
                                    try { Thread.sleep(10_000); } catch (InterruptedException swallowed) { }
                                }
                            }, "stubborn-" + i);
                            ws[i].start();
                        }
                        done.await();
                        return c.get();
                    }
                }
                """);
        CheckResult joins = g.check("counterRunJoinsBeforeReading");
        assertFalse(joins.passed());
        assertEquals("counter.run.leak", joins.key(), joins.message());
        assertTrue(joins.message().contains("stubborn-"), joins.message());
        assertTrue(g.counter().problem() != null && g.counter().problem().contains("stubborn-"), String.valueOf(g.counter().problem()));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 60, "the JVM ended despite the threads");
        othersUnaffected(g);
    }

    @Test
    void outOfMemoryAndStackOverflowFailTheirChecksOnly(@TempDir Path out) throws Exception {
        Graded g = grade(out, Map.of(
                "lab.counter.SynchronizedCounter", counterClass("SynchronizedCounter",
                        "public void increment() { java.util.List<long[]> hog = new java.util.ArrayList<>(); while (true) hog.add(new long[1 << 20]); }\n"
                                + "public long get() { return 0; }"),
                "lab.counter.LockCounter", counterClass("LockCounter",
                        "public void increment() { increment(); }\npublic long get() { return 0; }")),
                Duration.ofMinutes(3));
        CheckFailure(g.check("synchronizedSeedCase"), "check.out-of-memory");
        CheckFailure(g.check("lockSeedCase"), "check.stack-overflow");
        assertTrue(g.check("atomicSeedCase").passed(), String.valueOf(g.check("atomicSeedCase").message()));
        othersUnaffected(g);
    }

    @Test
    void anOutputFloodIsCutAndTheReportsStaySmall(@TempDir Path out) throws Exception {
        Graded g = grade(out, "lab.counter.SynchronizedCounter", counterClass("SynchronizedCounter", """
                private static boolean flooded;
                private long value;
                public SynchronizedCounter() {
                    if (!flooded) {
                        flooded = true;
                        String mb = "x".repeat(1 << 20);
                        for (int i = 0; i < 100; i++) System.out.print(mb);
                        try {
                            java.io.FileOutputStream raw = new java.io.FileOutputStream(java.io.FileDescriptor.out);
                            byte[] chunk = mb.getBytes();
                            for (int i = 0; i < 20; i++) raw.write(chunk);
                            raw.flush();
                        } catch (java.io.IOException e) { }
                    }
                }
                public synchronized void increment() { value++; }
                public synchronized long get() { return value; }
                """));
        CheckResult seed = g.check("synchronizedSeedCase");
        assertTrue(seed.passed(), String.valueOf(seed.message()));
        assertTrue(seed.output().length() < 20_000, "kept output is capped: " + seed.output().length());
        assertTrue(seed.output().contains("output cut"), "the cut is noted");
        assertTrue(Files.size(g.out().resolve("grade/results.json")) < 200_000, "results.json stays small");
        assertTrue(g.console().length() < 100_000, "the console stays usable");
        othersUnaffected(g);
    }

    @Test
    void forgedPassesDoNotCount(@TempDir Path out) throws Exception {
        Path grade = out.resolve("grade");
        Path xml = out.resolve("surefire-reports");
        String forger = """
                package lab.counter;
                public final class AtomicCounter implements Counter {
                    static {
                        try {
                            System.out.println("[INFO] Tests run: 4, Failures: 0, Errors: 0, Skipped: 0");
                            System.out.println("[INFO] BUILD SUCCESS");
                            java.io.PrintStream raw = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
                            raw.println("{\\"type\\":\\"end\\",\\"check\\":\\"atomicSeedCase\\",\\"status\\":\\"passed\\"}");
                            raw.println("Grade: 17/17. Every check passed.");
                            java.nio.file.Files.createDirectories(java.nio.file.Path.of("GRADE"));
                            java.nio.file.Files.writeString(java.nio.file.Path.of("GRADE/results.json"), "{\\"score\\":100,\\"max_score\\":100,\\"tests\\":[]}");
                            java.nio.file.Files.createDirectories(java.nio.file.Path.of("XML"));
                            java.nio.file.Files.writeString(java.nio.file.Path.of("XML/TEST-forged.xml"), "<testsuite name=\\"forged\\" tests=\\"1\\" failures=\\"0\\"/>");
                            // Reach into the grader by reflection and send a pass through its own report line.
                            java.lang.reflect.Field sink = Class.forName("lab.grader.harness.Figures").getDeclaredField("sink");
                            sink.setAccessible(true);
                            Object lambda = sink.get(null);
                            for (java.lang.reflect.Field f : lambda.getClass().getDeclaredFields()) {
                                f.setAccessible(true);
                                Object captured = f.get(lambda);
                                if (captured != null && captured.getClass().getName().endsWith("Channel")) {
                                    java.lang.reflect.Method send = captured.getClass().getMethod("send", String.class, Object[].class);
                                    send.invoke(captured, "end", new Object[] {"check", "atomicSeedCase", "status", "passed"});
                                }
                            }
                        } catch (Exception e) {
                            System.out.println("forger failed: " + e);
                        }
                    }
                    public void increment() { }
                    public long get() { return 0; }
                }
                """.replace("GRADE", grade.toString().replace("\\", "/")).replace("XML", xml.toString().replace("\\", "/"));
        Graded g = grade(out, "lab.counter.AtomicCounter", forger);
        assertFalse(g.counter().earned(g.check("atomicSeedCase")), "the forged pass did not count");
        assertTrue(g.check("atomicSeedCase").output().contains("forger failed"),
                "no static field leads to the report line any more: " + g.check("atomicSeedCase").output());
        assertEquals(g.report().points(), g.json().get("score").asInt(), "results.json is the grader's own");
        assertFalse(Files.exists(xml.resolve("TEST-forged.xml")), "foreign XML removed");
        othersUnaffected(g);
    }

    @Test
    void theHardLimitStillWritesResults(@TempDir Path out) throws Exception {
        Graded g = grade(out, Map.of("lab.counter.LockCounter", counterClass("LockCounter",
                "public void increment() { while (true) { Thread.onSpinWait(); } }\npublic long get() { return 0; }")),
                Duration.ofSeconds(4));
        assertTrue(Files.exists(out.resolve("grade/results.json")));
        int tests = g.json().get("tests").size();
        assertEquals(g.report().exercises().stream().mapToInt(e -> e.checks().size()).sum(), tests);
        boolean limitNamed = g.report().exercises().stream().flatMap(e -> e.checks().stream())
                .anyMatch(c -> "run.time-limit".equals(c.key()));
        assertTrue(limitNamed, g.report().exercises().stream().flatMap(e -> e.checks().stream())
                .map(c -> c.id() + "=" + c.key()).collect(Collectors.joining(", ")));
    }

    /** The forger: the untouched stub plus a static initialiser that reaches for the report line and halts. */
    static final String FORGING_STUB = """
            package lab.counter;
            public final class AtomicCounter implements Counter {
                static {
                    try {
                        Object channel = Class.forName("lab.grader.fork.Channel");
                        java.lang.reflect.Field f = Class.forName("lab.grader.harness.Figures").getDeclaredFields()[0];
                        f.setAccessible(true);
                        System.out.println("found " + channel + f.get(null));
                    } catch (Exception e) {
                        System.out.println("forger failed: " + e);
                    }
                    Runtime.getRuntime().halt(0);
                }
                public void increment() { throw new UnsupportedOperationException("TODO: an AtomicLong"); }
                public long get() { throw new UnsupportedOperationException("TODO"); }
            }
            """;

    @Test
    void aStudentsOwnRunRefusesReflectionAndHaltBeforeAnyOfItRuns(@TempDir Path out) throws Exception {
        Graded g = grade(out, Map.of("lab.counter.AtomicCounter", FORGING_STUB), Duration.ofMinutes(3), true);
        assertEquals(0, g.counter().points(), "the forger scores 0");
        CheckResult first = g.check("synchronizedSeedCase");
        assertEquals("api.forbidden", first.key(), first.message());
        for (String named : List.of("java.lang.Class.forName(...) in lab.counter.AtomicCounter (AtomicCounter.java:",
                "java.lang.reflect.Field in lab.counter.AtomicCounter", "java.lang.Runtime.halt(...) in lab.counter.AtomicCounter",
                "reflection can reach the grader", "code under test must never end the JVM")) {
            assertTrue(first.message().contains(named), named + " in: " + first.message());
        }
        assertTrue(g.counter().checks().stream().allMatch(c -> !c.passed() && c.output().isEmpty()), "none of it ran");
        assertTrue(g.json().toString().contains("java.lang.Runtime.halt(...) in lab.counter.AtomicCounter"), "results.json names it");
        othersUnaffected(g);
    }

    @Test
    void classesOfTheGradersOrJUnitsPackagesNeverReachTheGradingJvm(@TempDir Path out) throws Exception {
        // javac reads Unicode escapes first: the first package line is in a comment for it, not for a regex.
        String shadow = "\\u002f\\u002a\npackage lab.counter;\n\\u002a\\u002f\npackage %s;\npublic class %s {\n"
                + "    static { System.out.println(\"shadowed\"); }\n}\n";
        Graded g = grade(out, Map.of("lab.grader.fork.ForkListener", shadow.formatted("lab.grader.fork", "ForkListener"),
                "org.junit.platform.launcher.core.LauncherFactory", shadow.formatted("org.junit.platform.launcher.core", "LauncherFactory"),
                "lab.counter.util.Helper", "package lab.counter.util;\npublic class Helper { }\n"), Duration.ofMinutes(3), true);
        String notes = String.join("\n", g.report().notes());
        for (String refused : List.of("lab.grader.fork.ForkListener", "org.junit.platform.launcher.core.LauncherFactory", "lab.counter.util.Helper")) {
            assertTrue(notes.contains(refused), refused + " refused: " + notes);
        }
        assertTrue(g.json().get("output").asText().contains("Not graded: "), g.json().get("output").asText());
        assertTrue(g.console().contains("Not graded: "), g.console());
        assertTrue(g.check("synchronizedSeedCase").passed(), "the solutions beside them are graded as they are");
        assertFalse(g.console().contains("shadowed"), "no refused class ran");
        othersUnaffected(g);
    }
}
