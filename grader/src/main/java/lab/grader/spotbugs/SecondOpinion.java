package lab.grader.spotbugs;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lab.grader.run.SharedClasses;

/**
 * SpotBugs' second opinion on a grading run: its multithreaded-correctness findings in the graded
 * classes, by exercise. Run once per grading run, before any exercise's checks start, in a short-lived
 * JVM of its own ({@link SpotBugsMain}), like the forbidden-API check it runs beside: no check that
 * measures time runs while it does.
 *
 * <p>That JVM compiles with C1 only and a serial collector: on two cores, C2's compiler threads
 * doubled the wall time of a run that lasts a second or two (measured: about 5.5 s cold with the
 * defaults, under 2 s with these flags).
 *
 * <p>When SpotBugs cannot give an opinion (it failed, or ran out of time), grading goes on without it:
 * the report says so, and no check fails because of it.
 *
 * @param byExercise findings by exercise id (only exercises with findings)
 * @param failure why there is no opinion, or null
 * @param millis how long it took
 */
public record SecondOpinion(Map<String, List<Finding>> byExercise, String failure, long millis) {
    private static final Duration LIMIT = Duration.ofSeconds(90);
    static final List<String> JVM_FLAGS = java.util.stream.Stream.concat(lab.grader.run.ShortJvm.TOOL.stream(),
            java.util.stream.Stream.of("-Xmx512m", "-Dslf4j.internal.verbosity=ERROR", "-Dfile.encoding=UTF-8")).toList();

    public SecondOpinion {
        byExercise = Map.copyOf(byExercise);
    }

    /** The findings for one exercise (empty when none). */
    public List<Finding> of(String exercise) {
        return byExercise.getOrDefault(exercise, List.of());
    }

    /**
     * Runs SpotBugs in a JVM started with {@code java} on {@code graderClasspath} over {@code folders}
     * (class folders, as many as wanted: one JVM for all of them).
     */
    public static SecondOpinion of(String java, String graderClasspath, List<Path> folders) throws InterruptedException {
        long start = System.nanoTime();
        if (folders.isEmpty()) {
            return new SecondOpinion(Map.of(), null, 0);
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("lab-spotbugs-");
            Path out = dir.resolve("findings.json");
            Path log = dir.resolve("spotbugs.log");
            List<String> cmd = new ArrayList<>();
            cmd.add(java);
            // SpotBugs' JVM, like a grading JVM, starts from a class-data archive of its libraries where one can be made.
            SharedClasses.Use shared = SharedClasses.forTool(java, JVM_FLAGS, graderClasspath,
                    SpotBugsWarmup.class);
            cmd.addAll(shared == null ? JVM_FLAGS : shared.flagsReading(shared.archive()));
            cmd.add("-Djava.io.tmpdir=" + dir);
            cmd.add("-cp");
            cmd.add(shared == null ? graderClasspath : shared.classpath().full());
            cmd.add(SpotBugsMain.class.getName());
            cmd.add(out.toString());
            folders.forEach(f -> cmd.add(f.toAbsolutePath().toString()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            p.getOutputStream().close();
            if (!p.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return failed("timed out after " + LIMIT.toSeconds() + " s", start);
            }
            if (p.exitValue() != 0 || !Files.exists(out)) {
                return failed("exit " + p.exitValue() + ": " + tail(log), start);
            }
            List<Finding> found = new ObjectMapper().readValue(out.toFile(), new TypeReference<List<Finding>>() { });
            return new SecondOpinion(byExercise(found), null, (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            return failed(e.toString(), start);
        } finally {
            if (dir != null) {
                lab.grader.run.Folders.deleteQuietly(dir);
            }
        }
    }

    /** Findings by exercise id, each list in the order given; findings outside an exercise's package are dropped. */
    public static Map<String, List<Finding>> byExercise(List<Finding> found) {
        Map<String, List<Finding>> by = new LinkedHashMap<>();
        for (Finding f : found) {
            if (!f.exercise().isEmpty()) {
                by.computeIfAbsent(f.exercise(), k -> new ArrayList<>()).add(f);
            }
        }
        return by;
    }

    private static SecondOpinion failed(String why, long start) {
        return new SecondOpinion(Map.of(), why, (System.nanoTime() - start) / 1_000_000);
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "";
        }
        String text = Files.readString(log, StandardCharsets.UTF_8).strip();
        return text.length() <= 400 ? text : "..." + text.substring(text.length() - 400);
    }
}
