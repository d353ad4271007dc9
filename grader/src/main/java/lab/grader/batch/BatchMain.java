package lab.grader.batch;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import lab.grader.Grading;
import lab.grader.i18n.Messages;
import lab.grader.rubric.ExerciseSpec;
import lab.grader.rubric.Rubric;
import lab.grader.run.Folders;
import lab.grader.sandbox.Sandbox;
import lab.grader.sandbox.SandboxUnavailable;
import lab.grader.sandbox.Sandboxes;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mvn -Pbatch verify -Dsubmissions=DIR}: grades every folder of DIR (the folder's name is the
 * student id) with the instructor's kit, and writes {@code gradebook.csv} and a folder of reports per
 * student. Gradescope's {@code run_autograder} grades one submission through here too
 * ({@code --submission}).
 *
 * <p>Exits 0 once every submission is graded, whatever the scores; 2 on bad arguments.
 */
@Command(name = "batch", mixinStandardHelpOptions = true, description = "Grades every student's submission with the instructor's kit.")
public final class BatchMain implements Callable<Integer> {

    static final class Source {
        @Option(names = "--submissions", description = "A folder with one folder per student (its name is the student id).")
        Path submissions;

        @Option(names = "--submission", description = "One submission (Gradescope): graded as --student.")
        Path submission;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--student", defaultValue = "submission", description = "The student id of --submission.")
    String student;

    @Option(names = "--kit", defaultValue = ".", description = "The kit's root (holding exercises/): its pristine sources are graded with the student's.")
    Path kit;

    @Option(names = "--out", defaultValue = "target/batch", description = "Where gradebook.csv and the students' folders go.")
    Path out;

    @Option(names = "--results", description = "Also copy the (one) student's results.json here (Gradescope's results file).")
    Path results;

    @Option(names = "--exercise", defaultValue = "", description = "Exercise ids to grade, comma separated; empty for all.")
    String exercise;

    @Option(names = "--shard", defaultValue = "", description = "K/N: grade only the K-th of N slices of the students"
            + " (each student always in the same slice for the same N; see Shard); empty for all.")
    String shard;

    @Option(names = "--jvm-flags", description = "Flags for every grading JVM (Lincheck's); default: what this JDK needs.")
    String jvmFlags;

    @Option(names = "--time-limit", defaultValue = "600", description = "Hard limit of one submission's grading, in seconds.")
    long timeLimit;

    @Option(names = "--compile-time-limit", defaultValue = "60",
            description = "Limit of one submission's compile, in seconds: past it, every exercise the student sent files for scores 0.")
    long compileTimeLimit;

    @Option(names = "--parallel", defaultValue = "1", description = "Submissions in flight at once (see the README: grading JVMs still get the cores they need).")
    int parallel;

    @Option(names = "--cores", defaultValue = "0", description = "Cores to share out between submissions; 0: what the JVM sees."
            + " More than the machine has lets grading JVMs overlap where their verdicts may change (for experiments only).")
    int cores;

    /** Hidden, never for grading: lets the project's own tests prove that the sandbox alone holds attacks that get past the API check. */
    @Option(names = "--test-only-skip-api-check", hidden = true, defaultValue = "false")
    boolean skipApiCheck;

    @Option(names = "--sandbox", defaultValue = "on", description = "Where submitted code runs: on (bubblewrap; refuse to grade"
            + " where it cannot start), user (a user of its own per process, for containers without namespaces), auto (bubblewrap,"
            + " else user), off (no sandbox: every report and the gradebook say \"not sandboxed\").")
    String sandbox;

    @Option(names = "--regrade", negatable = true, defaultValue = "false", fallbackValue = "true", arity = "0..1",
            description = "Grade again students already graded (by default a student whose sources did not change is skipped).")
    boolean regrade;

    @Option(names = "--html", negatable = true, defaultValue = "true", fallbackValue = "true", arity = "0..1",
            description = "Write each student's HTML report with maven-surefire-report-plugin (needs --maven).")
    boolean html;

    @Option(names = "--maven", description = "The mvn launcher for the HTML reports.")
    Path maven;

    @Option(names = "--maven-offline", negatable = true, defaultValue = "false", fallbackValue = "true", arity = "0..1")
    boolean mavenOffline;

    @Option(names = "--maven-repo", defaultValue = "", description = "The local repository for the HTML reports' Maven run.")
    String mavenRepo;

    @Option(names = "--surefire-report-version", defaultValue = "3.6.0")
    String surefireReportVersion;

    /** Where the instructor's messages go (a test reads them). */
    PrintStream console = System.out;

    @Override
    public Integer call() throws Exception {
        Rubric rubric = Rubric.load();
        List<ExerciseSpec> selected;
        try {
            selected = rubric.select(exercise);
        } catch (IllegalArgumentException e) {
            return refuse(e.getMessage());
        }
        if (parallel < 1 || timeLimit < 1 || compileTimeLimit < 1) {
            return refuse(Messages.get("batch.bad-number"));
        }
        Shard slice;
        try {
            slice = Shard.parse(shard);
        } catch (IllegalArgumentException e) {
            return refuse(e.getMessage());
        }
        KitSources sources;
        try {
            sources = KitSources.of(kit);
        } catch (IOException e) {
            return refuse(e.getMessage());
        }
        List<Entry> students = new ArrayList<>();
        if (source.submissions != null) {
            if (source.submissions.toString().isBlank() || !Files.isDirectory(source.submissions)) {
                return refuse(Messages.get("batch.no-submissions", source.submissions));
            }
            // Sliced after every folder has its id, so a clash of two ids is settled as an unsharded run settles it.
            students.addAll(slice.select(students(source.submissions, console)));
        } else {
            if (source.submission.toString().isBlank() || !Files.isDirectory(source.submission)) {
                return refuse(Messages.get("batch.no-submissions", source.submission));
            }
            students.add(entry(student, source.submission, console));
            regrade = true;
        }
        Sandbox box;
        try {
            // No silent downgrade: a sandbox asked for and not available stops grading before it starts.
            box = Sandboxes.choose(sandbox);
        } catch (SandboxUnavailable | IllegalArgumentException e) {
            return refuse(e.getMessage());
        }
        System.out.println(Sandboxes.reportLine(box));
        MachineSlots slots = new MachineSlots(cores > 0 ? cores : Runtime.getRuntime().availableProcessors());
        BatchGrader grader = new BatchGrader(sources, selected, graderClasspath(kit), Grading.standardFlags(
                jvmFlags != null ? jvmFlags : defaultLincheckFlags()), Duration.ofSeconds(timeLimit), slots, box,
                Duration.ofSeconds(compileTimeLimit));
        if (skipApiCheck) {
            grader = grader.withoutApiCheck();
        }
        Files.createDirectories(out);
        new Batch(grader, out.toAbsolutePath(), regrade, parallel, console, slice).run(students);
        if (html && maven != null) {
            renderHtml(students);
        }
        // The class overview, from the gradebook and the students' results on disk (also written on its
        // own after merging sharded runs).
        console.println(Messages.get("batch.overview", ClassOverview.write(out.toAbsolutePath()).toUri()));
        if (results != null && students.size() == 1) {
            Files.createDirectories(results.toAbsolutePath().getParent());
            Files.copy(out.resolve(students.get(0).id()).resolve("results.json"), results, StandardCopyOption.REPLACE_EXISTING);
        }
        return 0;
    }

    /**
     * One submission: the student id (always a safe one, see {@link StudentIds}), the folder, and the
     * folder's own name when it was not a safe id (else null).
     */
    record Entry(String id, Path folder, String original) {
        Entry(String id, Path folder) {
            this(id, folder, null);
        }
    }

    /**
     * The students of a submissions folder, by name: every real folder in it (a symbolic link is refused
     * with a message, hidden entries and files are passed over), each under a safe id; of two folders
     * with one id, the second is refused with a message.
     */
    static List<Entry> students(Path submissions, PrintStream console) throws IOException {
        List<Path> folders;
        try (Stream<Path> list = Files.list(submissions)) {
            folders = list.filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
        Map<String, Path> real = new LinkedHashMap<>();
        for (Path p : folders) {
            String name = p.getFileName().toString();
            if (Files.isSymbolicLink(p)) {
                console.println(Messages.get("batch.symlinked-folder", StudentIds.printable(name)));
                continue;
            }
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                real.put(name, p);
            }
        }
        return students(real, console);
    }

    /** The students of these folders (by name, in the order given), each under a safe id: see {@link #students(Path, PrintStream)}. */
    static List<Entry> students(Map<String, Path> folders, PrintStream console) {
        List<Entry> students = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (Map.Entry<String, Path> f : folders.entrySet()) {
            String name = f.getKey();
            Path p = f.getValue();
            Entry e = entry(name, p, console);
            // Compared without case: the output folder may be on a file system that does not tell Ada from ada.
            if (!taken.add(e.id().toLowerCase(Locale.ROOT))) {
                Entry hashed = new Entry(StudentIds.hashed(name), p, name);
                if (e.original() != null || !taken.add(hashed.id().toLowerCase(Locale.ROOT))) {
                    console.println(Messages.get("batch.id-taken", StudentIds.printable(name), e.id()));
                    continue;
                }
                console.println(Messages.get("batch.id-mapped", StudentIds.printable(name), hashed.id()));
                e = hashed;
            }
            students.add(e);
        }
        return students;
    }

    /** A student graded as {@code name} when that is a safe id, else under its stand-in (said on the console). */
    static Entry entry(String name, Path folder, PrintStream console) {
        if (StudentIds.safe(name)) {
            return new Entry(name, folder);
        }
        Entry e = new Entry(StudentIds.hashed(name), folder, name);
        console.println(Messages.get("batch.id-mapped", StudentIds.printable(name), e.id()));
        return e;
    }

    /**
     * Every student's HTML report, written afresh: each one's {@code reports/} folder is deleted first
     * (a page already there was not written by this run, so it is never kept), then one Maven run in a
     * folder of its own renders all of them.
     */
    private void renderHtml(List<Entry> students) throws IOException, InterruptedException {
        Path batch = out.toAbsolutePath();
        List<Path> dirs = new ArrayList<>();
        for (Entry s : students) {
            Path dir = batch.resolve(s.id());
            Folders.deleteTree(dir.resolve("reports"));
            if (Files.isDirectory(dir.resolve("surefire-reports"), LinkOption.NOFOLLOW_LINKS)) {
                dirs.add(dir);
            }
        }
        if (dirs.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        console.println(Messages.get("batch.html", dirs.size()));
        String failure = new SurefireHtml(maven, mavenOffline, mavenRepo, surefireReportVersion).render(dirs);
        if (failure != null) {
            console.println(Messages.get("batch.html-failed", failure.strip()));
        } else {
            console.println(Messages.get("batch.html-done", (System.nanoTime() - start) / 1e9));
        }
    }

    /** Lincheck's flags for this JDK (the parent pom passes the same ones to {@code mvn verify}). */
    static String defaultLincheckFlags() {
        String flags = "-XX:+EnableDynamicAgentLoading -Xshare:off";
        return Runtime.version().feature() >= 24 ? flags + " --sun-misc-unsafe-memory-access=allow" : flags;
    }

    /**
     * This JVM's classpath without any compiled exercises or solutions (the submission's classes take
     * their place), every entry absolute: grading JVMs run in folders of their own.
     */
    static String graderClasspath(Path kit) {
        Path root = kit.toAbsolutePath().normalize();
        List<Path> implementations = List.of(root.resolve("exercises"), root.resolve("solutions"));
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.isBlank())
                .map(e -> Path.of(e).toAbsolutePath().normalize())
                .filter(e -> implementations.stream().noneMatch(e::startsWith))
                .map(Path::toString)
                .filter(e -> !e.matches(".*[/\\\\]lab[/\\\\](exercises|solutions)[/\\\\].*\\.jar"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private int refuse(String message) {
        System.err.println(message);
        return 2;
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new BatchMain());
        cli.setParameterExceptionHandler((ex, a) -> {
            System.err.println(ex.getMessage());
            return 2;
        });
        System.exit(cli.execute(args));
    }

    /** One batch run: decides who to grade, grades them (some at once, if asked), keeps the gradebook current. */
    static final class Batch {
        private final BatchGrader grader;
        private final Path out;
        private final boolean regrade;
        private final int parallel;
        private final PrintStream console;
        private final Shard shard;
        private final Map<String, StudentOutcome> rows = new TreeMap<>();

        Batch(BatchGrader grader, Path out, boolean regrade, int parallel, PrintStream console) {
            this(grader, out, regrade, parallel, console, Shard.ALL);
        }

        /** A run that grades {@code shard} of a class: {@code students} are that shard's, {@code shard.json} says which. */
        Batch(BatchGrader grader, Path out, boolean regrade, int parallel, PrintStream console, Shard shard) {
            this.grader = grader;
            this.out = out;
            this.regrade = regrade;
            this.parallel = parallel;
            this.console = console;
            this.shard = shard;
        }

        void run(List<Entry> students) throws IOException, InterruptedException {
            long start = System.nanoTime();
            List<String> ids = grader.exercises().stream().map(ExerciseSpec::id).toList();
            int n = students.size();
            List<Runnable> todo = new ArrayList<>();
            AtomicInteger done = new AtomicInteger();
            AtomicInteger graded = new AtomicInteger();
            int max = grader.exercises().stream().mapToInt(ExerciseSpec::maxPoints).sum();
            console.println(Messages.get("batch.start", n, String.join(", ", ids), max, parallel,
                    grader.exercises().stream().anyMatch(e -> e.checks().stream().anyMatch(c -> c.hidden())) ? 1 : 0));
            for (Entry s : students) {
                // The ids name folders in `out`: only safe ones (BatchMain maps the others) ever get this far.
                if (!StudentIds.safe(s.id())) {
                    throw new IllegalArgumentException("not a safe student id: " + StudentIds.printable(s.id()));
                }
            }
            // Written before grading, so the output of a run that stops half-way still says which students it lacks.
            Files.createDirectories(out);
            new ShardFile(shard.index(), shard.count(), ids, students.stream().map(Entry::id).sorted().toList()).write(out);
            if (shard.count() > 1) {
                console.println(Messages.get("batch.shard", shard, n));
            }
            List<Prepared> prepared = new ArrayList<>();
            for (Entry s : students) {
                Path dir = out.resolve(s.id());
                Submission submission = Submission.collect(s.folder(), grader.exercisesKit());
                String fingerprint = submission.fingerprint(grader.checksSignature());
                StudentOutcome previous = StudentOutcome.load(dir);
                if (!regrade && previous != null && fingerprint.equals(previous.fingerprint()) && Files.exists(dir.resolve("results.json"))) {
                    synchronized (rows) {
                        rows.put(s.id(), previous.withOriginalId(s.original()));
                    }
                    console.println(Messages.get("batch.skipped", done.incrementAndGet(), n, s.id(), previous.total(), previous.max(),
                            previous.status()));
                } else {
                    prepared.add(new Prepared(s, submission, dir));
                }
            }
            writeGradebook(ids);
            int toGrade = prepared.size();
            for (Prepared p : prepared) {
                todo.add(() -> {
                    long t0 = System.nanoTime();
                    StudentOutcome outcome;
                    try {
                        outcome = grader.grade(p.entry.id(), p.entry.original(), p.submission, p.dir);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (Exception | Error e) {
                        outcome = grader.error(p.entry.id(), (System.nanoTime() - t0) / 1_000_000).withOriginalId(p.entry.original());
                        synchronized (console) {
                            console.println(Messages.get("batch.error", p.entry.id(), String.valueOf(e)));
                            e.printStackTrace(console);
                        }
                    }
                    synchronized (rows) {
                        rows.put(p.entry.id(), outcome);
                    }
                    try {
                        writeGradebook(ids);
                    } catch (IOException e) {
                        console.println(Messages.get("batch.error", "gradebook.csv", String.valueOf(e)));
                    }
                    synchronized (console) {
                        // Counted and estimated under the console's lock: with several in flight, the line
                        // that says [k/N] carries the estimate made after k submissions.
                        int gradedNow = graded.incrementAndGet();
                        double elapsed = (System.nanoTime() - start) / 1e9;
                        double left = elapsed / gradedNow * (toGrade - gradedNow);
                        console.println(Messages.get("batch.graded", done.incrementAndGet(), n, p.entry.id(), outcome.total(),
                                outcome.max(), outcome.status(), outcome.millis() / 1000.0, clock(elapsed), clock(left),
                                outcome.waitMillis() / 1000.0));
                    }
                });
            }
            if (parallel <= 1 || todo.size() <= 1) {
                todo.forEach(Runnable::run);
            } else {
                ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, todo.size()), r -> {
                    Thread t = new Thread(r, "batch-student");
                    t.setDaemon(true);
                    return t;
                });
                try {
                    List<Future<?>> futures = new ArrayList<>();
                    todo.forEach(t -> futures.add(pool.submit(t)));
                    for (Future<?> f : futures) {
                        try {
                            f.get();
                        } catch (java.util.concurrent.ExecutionException e) {
                            throw new IllegalStateException(e.getCause());
                        }
                    }
                } finally {
                    pool.shutdownNow();
                }
            }
            double total = (System.nanoTime() - start) / 1e9;
            console.println(Messages.get("batch.finished", toGrade, n - toGrade, clock(total),
                    toGrade == 0 ? 0.0 : total / toGrade, out.resolve("gradebook.csv")));
        }

        private record Prepared(Entry entry, Submission submission, Path dir) {
        }

        private void writeGradebook(List<String> ids) throws IOException {
            List<StudentOutcome> snapshot;
            synchronized (rows) {
                snapshot = new ArrayList<>(rows.values());
            }
            Gradebook.write(out.resolve("gradebook.csv"), ids, snapshot);
        }

        static String clock(double seconds) {
            long s = Math.round(seconds);
            return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format("%d:%02d", s / 60, s % 60);
        }
    }
}
