package lab.grader.spotbugs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.umd.cs.findbugs.BugPattern;
import edu.umd.cs.findbugs.DetectorFactoryCollection;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import lab.grader.report.ConsoleReport;
import lab.grader.report.GradeReport;
import lab.grader.report.GradescopeResults;
import lab.grader.report.MarkdownSummary;
import lab.grader.rubric.CheckSpec;
import lab.grader.rubric.ExerciseSpec;
import lab.grader.rubric.Rubric;
import lab.grader.run.CheckResult;
import lab.grader.run.ExerciseResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SpotBugs as a second opinion: it finds the bugs seeded in the canaries at their lines (each such
 * line says so: {@code // SpotBugs: PATTERN}), the patterns that cost points flag nothing else (no
 * correct twin), the reference solutions get no finding at all, a solution with one seeded bug loses
 * exactly the check the rubric ties to it, every pattern the kit words is a real SpotBugs
 * concurrency pattern worded in both languages, and advice reaches every report.
 */
@org.junit.jupiter.api.Tag(lab.grader.selftest.SideBySide.TAG)
class SpotBugsTest {
    static final Path ROOT = Path.of(System.getProperty("lab.root", "..")).toAbsolutePath().normalize();
    static final Path TESTS = ROOT.resolve("grader/src/test/java/lab/grader");
    private static final Pattern MARKER = Pattern.compile("//\\s*SpotBugs:\\s*(\\w+)");
    /** The canaries' packages: every canary and correct twin of the kit's own tests. */
    private static final List<String> CANARY_PACKAGES = List.of("threads", "counter", "queue", "pool", "parallel", "downloads", "async");

    static List<Finding> canaries;
    static List<Finding> solutions;

    @BeforeAll
    static void analyse(@TempDir Path tmp) throws Exception {
        Path testClasses = Path.of(SpotBugsTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        canaries = SpotBugsRun.analyse(CANARY_PACKAGES.stream().map(p -> testClasses.resolve("lab/grader/" + p)).toList());
        solutions = SpotBugsRun.analyse(List.of(compile(tmp.resolve("solutions"), Map.of())));
    }

    /** The solutions' sources compiled into {@code out}, with each file named in {@code edits} changed by its (from, to) pair. */
    static Path compile(Path out, Map<String, String[]> edits) throws Exception {
        Path src = out.resolveSibling(out.getFileName() + "-src");
        List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-encoding", "UTF-8", "-g", "-d", out.toString()));
        try (Stream<Path> walk = Files.walk(ROOT.resolve("solutions/src/main/java"))) {
            for (Path p : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(p);
                String[] edit = edits.get(p.getFileName().toString());
                if (edit != null) {
                    assertTrue(text.contains(edit[0]), p + " contains " + edit[0]);
                    text = text.replace(edit[0], edit[1]);
                }
                Path copy = src.resolve(ROOT.resolve("solutions/src/main/java").relativize(p).toString());
                Files.createDirectories(copy.getParent());
                Files.writeString(copy, text);
                args.add(copy.toString());
            }
        }
        int status = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new));
        assertEquals(0, status, "the solutions compile");
        return out;
    }

    /** A seeded bug: the file, the line and the pattern its marker names. */
    record Seeded(String file, int line, String pattern) {
    }

    static List<Seeded> seeded() throws Exception {
        List<Seeded> all = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(TESTS)) {
            for (Path p : walk.filter(p -> p.toString().endsWith(".java") && !p.getFileName().toString().equals("SpotBugsTest.java")).toList()) {
                List<String> lines = Files.readAllLines(p);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = MARKER.matcher(lines.get(i));
                    if (m.find()) {
                        all.add(new Seeded(p.getFileName().toString(), i + 1, m.group(1)));
                    }
                }
            }
        }
        return all;
    }

    @Test
    void findsEverySeededBugAtItsFileAndLine() throws Exception {
        List<Seeded> seeded = seeded();
        assertTrue(seeded.size() >= 8, "the canaries seed bugs for SpotBugs: " + seeded);
        for (Seeded s : seeded) {
            assertTrue(canaries.stream().anyMatch(f -> f.pattern().equals(s.pattern()) && f.file().equals(s.file()) && f.line() == s.line()),
                    s + " found; SpotBugs found: " + canaries);
        }
    }

    @Test
    void patternsThatCostPointsFlagOnlySeededBugs() throws Exception {
        List<String> gated = gatedPatterns();
        assertFalse(gated.isEmpty(), "the rubric ties some SpotBugs patterns to checks");
        List<Seeded> seeded = seeded();
        for (Finding f : canaries) {
            if (gated.contains(f.pattern())) {
                assertTrue(seeded.contains(new Seeded(f.file(), f.line(), f.pattern())),
                        "a pattern that costs points flagged a line no canary seeds (a correct twin?): " + f);
            }
        }
    }

    @Test
    void theSolutionsGetNoFinding() {
        assertEquals(List.of(), solutions);
    }

    @Test
    void aBufferThatWaitsUnderAnIfLosesItsRecheckCheck(@TempDir Path tmp) throws Exception {
        Path classes = compile(tmp.resolve("if"), Map.of("BoundedBuffer.java",
                new String[] {"while (count == 0) {", "if (count == 0) {"}));
        ExerciseResult graded = gradedAllPassed("queue", SpotBugsRun.analyse(List.of(classes)));
        CheckResult recheck = check(graded, "bufferRechecksAfterWakeup");
        assertFalse(recheck.passed());
        assertEquals("spotbugs.WA_AWAIT_NOT_IN_LOOP", recheck.key());
        assertTrue(recheck.message().contains("lab.queue.BoundedBuffer.take (BoundedBuffer.java:"), recheck.message());
        assertEquals(graded.spec().maxPoints() - 1, graded.points(), "only that check fails");
    }

    @Test
    void anInterleavingThatWaitsUnderAnIfLosesItsStrictOrderCheck(@TempDir Path tmp) throws Exception {
        Path classes = compile(tmp.resolve("if"), Map.of("Interleaving.java",
                new String[] {"while (step != wanted && failure == null) {", "if (step != wanted && failure == null) {"}));
        ExerciseResult graded = gradedAllPassed("threads", SpotBugsRun.analyse(List.of(classes)));
        CheckResult strict = check(graded, "alternateStrictProperty");
        assertFalse(strict.passed());
        assertTrue(strict.message().contains("(Interleaving.java:"), strict.message());
        assertEquals(graded.spec().maxPoints() - 1, graded.points(), "only that check fails");
    }

    @Test
    void aCheckThatFailedKeepsItsOwnMessageAndGetsTheFinding() {
        ExerciseSpec queue = Rubric.load().select("queue").get(0);
        List<CheckResult> checks = queue.checks().stream().map(c -> c.id().equals("bufferRechecksAfterWakeup")
                ? new CheckResult(c.id(), false, "queue.buffer.if-not-while", "its own message", "", 1)
                : new CheckResult(c.id(), true, null, null, "", 1)).toList();
        Finding wa = new Finding("WA_NOT_IN_LOOP", "lab.queue.BoundedBuffer", "take", "BoundedBuffer.java", 42, "");
        ExerciseResult graded = SpotBugsVerdicts.apply(new ExerciseResult(queue, checks, Map.of(), null, false, "", 1), List.of(wa));
        CheckResult recheck = check(graded, "bufferRechecksAfterWakeup");
        assertEquals("queue.buffer.if-not-while", recheck.key());
        assertTrue(recheck.message().startsWith("its own message\n") && recheck.message().contains("BoundedBuffer.java:42"), recheck.message());
    }

    @Test
    void aFindingOutsideTheGatedClassIsAdvice() {
        ExerciseSpec queue = Rubric.load().select("queue").get(0);
        Finding inRun = new Finding("WA_NOT_IN_LOOP", "lab.queue.ProducerConsumer", "run", "ProducerConsumer.java", 7, "");
        ExerciseResult all = gradedAllPassed("queue", List.of(inRun));
        assertEquals(queue.maxPoints(), all.points());
        assertEquals(List.of(inRun), SpotBugsVerdicts.advice(queue, List.of(inRun)));
    }

    @Test
    void everyWordedPatternIsASpotBugsConcurrencyPatternInBothLanguages() {
        ResourceBundle en = ResourceBundle.getBundle("lab.grader.messages", Locale.ROOT);
        ResourceBundle id = ResourceBundle.getBundle("lab.grader.messages", Locale.forLanguageTag("id"));
        List<String> worded = en.keySet().stream().filter(k -> k.startsWith("spotbugs.") && k.substring(9).matches("[A-Z][A-Za-z0-9]*_[A-Z0-9_]+"))
                .map(k -> k.substring(9)).sorted().toList();
        assertTrue(worded.size() >= 20, "patterns worded: " + worded);
        for (String p : worded) {
            BugPattern pattern = DetectorFactoryCollection.instance().lookupBugPattern(p);
            assertNotNull(pattern, p + " is a SpotBugs pattern");
            assertEquals(SpotBugsRun.CATEGORY, pattern.getCategory(), p);
            assertTrue(id.containsKey("spotbugs." + p) && !id.getString("spotbugs." + p).equals(en.getString("spotbugs." + p)),
                    p + " has Indonesian words");
        }
        for (String p : gatedPatterns()) {
            assertTrue(worded.contains(p), "a pattern that costs points has its own words: " + p);
        }
        for (Finding f : canaries) {
            assertFalse(f.describe().contains("!spotbugs."), "worded: " + f.describe());
        }
    }

    @Test
    void adviceReachesTheConsoleResultsJsonAndSummary(@TempDir Path out) throws Exception {
        ExerciseSpec counter = Rubric.load().select("counter").get(0);
        Finding is2 = new Finding("IS2_INCONSISTENT_SYNC", "lab.counter.SynchronizedCounter", "get", "SynchronizedCounter.java", 21, "value");
        String note = SpotBugsVerdicts.note(List.of(counter), new SecondOpinion(Map.of("counter", List.of(is2)), null, 1));
        assertNotNull(note);
        GradeReport report = new GradeReport("canary", List.of(gradedAllPassed("counter", List.of(is2))), 1, List.of(note));
        GradescopeResults.write(report, out.resolve("results.json"));
        MarkdownSummary.write(report, out.resolve("summary.md"));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        new ConsoleReport(false).print(report, new PrintStream(console, true, StandardCharsets.UTF_8));
        String where = "lab.counter.SynchronizedCounter.get (SynchronizedCounter.java:21)";
        assertTrue(console.toString(StandardCharsets.UTF_8).contains(where), "console");
        assertTrue(Files.readString(out.resolve("results.json")).contains(where), "results.json");
        assertTrue(Files.readString(out.resolve("summary.md")).contains(where), "summary.md");
        assertEquals(counter.maxPoints(), report.points(), "advice costs nothing");
    }

    static List<String> gatedPatterns() {
        return Rubric.load().exercises().stream().flatMap(e -> e.checks().stream()).map(CheckSpec::spotbugs)
                .filter(g -> g != null).flatMap(g -> g.patterns().stream()).distinct().toList();
    }

    /** The exercise as if every check had passed its run, then SpotBugs' verdicts applied. */
    static ExerciseResult gradedAllPassed(String exercise, List<Finding> findings) {
        ExerciseSpec spec = Rubric.load().select(exercise).get(0);
        List<CheckResult> passed = spec.checks().stream().map(c -> new CheckResult(c.id(), true, null, null, "", 1)).toList();
        return SpotBugsVerdicts.apply(new ExerciseResult(spec, passed, Map.of(), null, false, "", 1),
                SecondOpinion.byExercise(findings).getOrDefault(exercise, List.of()));
    }

    static CheckResult check(ExerciseResult r, String id) {
        return r.checks().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }
}
