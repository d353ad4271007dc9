package lab.grader.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import lab.grader.Grading;
import lab.grader.i18n.Messages;
import lab.grader.report.GradeReport;
import lab.grader.rubric.ExerciseSpec;
import lab.grader.run.ExerciseResult;
import lab.grader.run.Folders;
import lab.grader.sandbox.Sandbox;

/**
 * Grades one student's submission with the instructor's kit: the student's sources (and nothing else
 * from the submission) laid over the kit's pristine exercise sources, compiled (in a child JVM started
 * through the run's {@link Sandbox}, within a time and a memory limit: {@link SourceCompiler}), then
 * graded exactly as {@code mvn verify} grades ({@link Grading}). Batch grading and Gradescope both come
 * through here.
 *
 * <p>Writes into the student's folder: {@code results.json}, {@code summary.md}, {@code autograding.json},
 * the Surefire-format XML ({@code surefire-reports/}), the console table ({@code console.txt}), what
 * was taken from the submission and what was not ({@code submission.txt}) and the gradebook row
 * ({@code batch.json}).
 */
public final class BatchGrader {
    /** The keys of a check stopped by a time limit: the submission's status says "timeout". */
    static final Set<String> TIMEOUT_KEYS = Set.of("harness.timeout", "harness.check-timeout", "run.killed", "run.time-limit");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final KitSources kit;
    private final List<ExerciseSpec> exercises;
    private final String graderClasspath;
    private final List<String> jvmFlags;
    private final Duration timeLimit;
    private final MachineSlots slots;
    private final Sandbox sandbox;
    private final SourceCompiler.Limits compileLimits;
    private boolean checkApis = true;

    /**
     * @param kit the kit's pristine exercise sources
     * @param exercises the exercises to grade (with the instructor's hidden checks, when the kit has them)
     * @param graderClasspath the grader's classpath, without any implementation of the exercises
     * @param jvmFlags flags of every grading JVM
     * @param timeLimit one submission's hard limit (time spent waiting for the machine does not count)
     * @param slots the machine's cores, shared with the submissions graded at the same time
     * @param sandbox what every process that reads or runs a submission's code is started through
     *        ({@link Sandbox#NONE}: the gradebook's status and every report say "not sandboxed")
     * @param compileTimeLimit the limit of one submission's compile (all its rounds; see {@link SourceCompiler})
     */
    public BatchGrader(KitSources kit, List<ExerciseSpec> exercises, String graderClasspath, List<String> jvmFlags,
            Duration timeLimit, MachineSlots slots, Sandbox sandbox, Duration compileTimeLimit) {
        this.kit = kit;
        this.exercises = List.copyOf(exercises);
        this.graderClasspath = graderClasspath;
        this.jvmFlags = List.copyOf(jvmFlags);
        this.timeLimit = timeLimit;
        this.slots = slots;
        this.sandbox = sandbox;
        this.compileLimits = new SourceCompiler.Limits(sandbox, graderClasspath, compileTimeLimit, SourceCompiler.Limits.DEFAULT_MEMORY_MB);
    }

    /**
     * This grader without the forbidden-API check: only for the project's own tests of what the sandbox
     * does with code that gets past it.
     */
    public BatchGrader withoutApiCheck() {
        BatchGrader copy = new BatchGrader(kit, exercises, graderClasspath, jvmFlags, timeLimit, slots, sandbox,
                compileLimits.timeLimit());
        copy.checkApis = false;
        return copy;
    }

    /** The exercises and checks graded: part of each submission's fingerprint. */
    public String checksSignature() {
        return exercises.stream().map(e -> e.id() + ":" + e.checks().stream().map(c -> c.id() + "=" + c.points())
                .collect(Collectors.joining(","))).collect(Collectors.joining(";"));
    }

    public List<ExerciseSpec> exercises() {
        return exercises;
    }

    /** The kit's pristine exercise sources. */
    public KitSources exercisesKit() {
        return kit;
    }

    /** Grades {@code submission} as {@code student}, writing every report into {@code studentDir} (emptied first). */
    public StudentOutcome grade(String student, Submission submission, Path studentDir) throws IOException, InterruptedException {
        return grade(student, null, submission, studentDir);
    }

    /**
     * As {@link #grade(String, Submission, Path)}, for a student whose folder name {@code originalId} was
     * not a safe id (null when it was): the notes and the gradebook row say what it was.
     */
    public StudentOutcome grade(String student, String originalId, Submission submission, Path studentDir)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        Folders.deleteTree(studentDir);
        Files.createDirectories(studentDir);
        String fingerprint = submission.fingerprint(checksSignature());
        Path work = Files.createTempDirectory("lab-batch-");
        java.util.concurrent.atomic.AtomicLong waited = new java.util.concurrent.atomic.AtomicLong();
        try {
            Map<String, String> failed = Map.of();
            Map<String, SourceCompiler.Stop> stopped = Map.of();
            Path classes = null;
            if (!submission.empty()) {
                long waitStart = System.nanoTime();
                try (Grading.Held core = slots.hold(1)) {
                    waited.addAndGet(System.nanoTime() - waitStart);
                    SourceCompiler.Compiled compiled = SourceCompiler.compile(kit, submission.sources(), work, compileLimits);
                    classes = compiled.classes();
                    failed = compiled.failed();
                    stopped = compiled.stopped();
                }
            }
            Map<String, String> notCompiled = failed;
            Map<String, SourceCompiler.Stop> compileStopped = stopped;
            boolean empty = submission.empty();
            Grading grading = new Grading(student, graderClasspath, classes == null ? List.of(work) : List.of(classes), jvmFlags,
                    timeLimit, studentDir, studentDir.resolve("surefire-reports")).untrustedIn(sandbox);
            if (!checkApis) {
                grading = grading.withoutApiCheck();
            }
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            GradeReport report;
            long gradingStart = System.nanoTime();
            try (PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8)) {
                report = grading.run(exercises, out, new Grading.Hooks() {
                    @Override
                    public ExerciseResult instead(ExerciseSpec exercise) {
                        if (empty) {
                            return Grading.notRun(exercise, "batch.no-sources", Messages.get("batch.no-sources"), Messages.get("batch.no-sources"));
                        }
                        String pkg = "lab." + exercise.id();
                        SourceCompiler.Stop stop = compileStopped.get(pkg);
                        if (stop != null) {
                            return Grading.notRun(exercise, stop == SourceCompiler.Stop.TIME ? "batch.compile-timeout" : "batch.compile-memory",
                                    limitMessage(stop), Messages.get("batch.compile-limit.other"));
                        }
                        String message = notCompiled.get(pkg);
                        return message == null ? null : Grading.notRun(exercise, "batch.compile-error",
                                Messages.get("batch.compile-error", pkg, message), Messages.get("batch.compile-error.other", pkg));
                    }

                    @Override
                    public Grading.Held holdCore() throws InterruptedException {
                        return slots.hold(1);
                    }

                    @Override
                    public Grading.Held hold(ExerciseSpec exercise, Integer cores) throws InterruptedException {
                        return slots.hold(cores);
                    }
                });
            }
            // The grading's own time leaves out its waits for cores busy with other submissions' work (not
            // the waits of its parts for each other): the rest of its wall time is what it waited.
            waited.addAndGet(Math.max(0, System.nanoTime() - gradingStart - report.millis() * 1_000_000));
            String notes = (originalId == null ? "" : Messages.get("batch.original-id", StudentIds.printable(originalId), student) + "\n")
                    + notes(submission, notCompiled, compileStopped, compileLimits);
            Files.writeString(studentDir.resolve("submission.txt"), notes, StandardCharsets.UTF_8);
            Files.writeString(studentDir.resolve("console.txt"), notes + "\n" + console.toString(StandardCharsets.UTF_8),
                    StandardCharsets.UTF_8);
            addNotes(studentDir, notes);

            Map<String, Integer> points = new LinkedHashMap<>();
            for (ExerciseResult e : report.exercises()) {
                points.put(e.spec().id(), e.points());
            }
            StudentOutcome outcome = new StudentOutcome(student, status(report, notCompiled, compileStopped, empty, sandbox), points,
                    report.points(), report.maxPoints(), (System.nanoTime() - start) / 1_000_000, waited.get() / 1_000_000, fingerprint,
                    originalId);
            outcome.save(studentDir);
            return outcome;
        } finally {
            Folders.deleteQuietly(work);
        }
    }

    /** A row for a student whose grading failed for a reason of the grader's own (the message goes to the console). */
    public StudentOutcome error(String student, long millis) {
        Map<String, Integer> points = new LinkedHashMap<>();
        exercises.forEach(e -> points.put(e.id(), 0));
        int max = exercises.stream().mapToInt(ExerciseSpec::maxPoints).sum();
        return new StudentOutcome(student, "error", points, 0, max, millis, 0, "");
    }

    static String status(GradeReport report, Map<String, String> notCompiled, Map<String, SourceCompiler.Stop> stopped, boolean empty,
            Sandbox sandbox) {
        List<String> status = new ArrayList<>();
        if (sandbox == Sandbox.NONE) {
            status.add("not sandboxed");
        }
        if (empty) {
            status.add(0, "no sources");
            return String.join("; ", status);
        }
        if (!notCompiled.isEmpty()) {
            status.add("compile error");
        }
        if (stopped.containsValue(SourceCompiler.Stop.TIME)) {
            status.add("compile timeout");
        }
        if (stopped.containsValue(SourceCompiler.Stop.MEMORY)) {
            status.add("compile out of memory");
        }
        boolean timedOut = report.exercises().stream().flatMap(e -> e.checks().stream())
                .anyMatch(c -> !c.passed() && c.key() != null && TIMEOUT_KEYS.contains(c.key()));
        if (timedOut) {
            status.add("timeout");
        }
        if (status.isEmpty() || status.equals(List.of("not sandboxed"))) {
            status.add(0, "ok");
        }
        return String.join("; ", status);
    }

    /** The student's message for an exercise whose compile a limit stopped. */
    private String limitMessage(SourceCompiler.Stop stop) {
        return stop == SourceCompiler.Stop.TIME ? Messages.get("batch.compile-timeout", compileLimits.timeLimit().toSeconds())
                : Messages.get("batch.compile-memory", compileLimits.memoryMb());
    }

    /** What was graded from the submission and what was not, for the student and the instructor. */
    static String notes(Submission submission, Map<String, String> notCompiled, Map<String, SourceCompiler.Stop> stopped,
            SourceCompiler.Limits limits) {
        StringBuilder b = new StringBuilder();
        b.append(submission.sources().isEmpty() ? Messages.get("batch.no-graded-files")
                : Messages.get("batch.graded-files", String.join(", ", submission.sources().keySet()))).append('\n');
        if (!submission.notes().isEmpty()) {
            b.append(Messages.get("batch.ignored")).append('\n');
            submission.notes().forEach(n -> b.append("- ").append(n).append('\n'));
        }
        for (Map.Entry<String, String> e : notCompiled.entrySet()) {
            b.append(Messages.get("batch.not-compiled", e.getKey())).append('\n');
        }
        for (Map.Entry<String, SourceCompiler.Stop> e : stopped.entrySet()) {
            b.append(e.getValue() == SourceCompiler.Stop.TIME
                    ? Messages.get("batch.not-compiled.timeout", e.getKey(), limits.timeLimit().toSeconds())
                    : Messages.get("batch.not-compiled.memory", e.getKey(), limits.memoryMb())).append('\n');
        }
        return b.toString();
    }

    /** Puts the notes at the top of results.json's output and as a section of summary.md. */
    private static void addNotes(Path dir, String notes) throws IOException {
        Path json = dir.resolve("results.json");
        ObjectNode root = (ObjectNode) JSON.readTree(json.toFile());
        root.put("output", notes + "\n" + root.path("output").asText(""));
        JSON.writeValue(json.toFile(), root);
        Path md = dir.resolve("summary.md");
        String section = "\n## " + Messages.get("batch.section") + "\n\n```text\n" + notes.strip().replace("```", "'''") + "\n```\n";
        Files.writeString(md, Files.readString(md, StandardCharsets.UTF_8) + section, StandardCharsets.UTF_8);
    }
}
