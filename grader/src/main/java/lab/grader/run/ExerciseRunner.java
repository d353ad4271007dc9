package lab.grader.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lab.grader.fork.ForkMain;
import lab.grader.i18n.Messages;
import lab.grader.integrity.GraderClasspath;
import lab.grader.rubric.CheckSpec;
import lab.grader.rubric.ExerciseSpec;
import lab.grader.sandbox.Sandbox;

/**
 * Grades one exercise in JVMs of its own, and decides, outside them, what each check earned.
 *
 * <p>A check passes only when its grading JVM reported a pass for it; a check that never reported
 * (the JVM exited, crashed, hung or ran out of time) counts as failed with the reason. When a check
 * hangs, the grading JVM reports it and ends itself, and the runner resumes the exercise's
 * remaining checks in a fresh JVM, so one infinite loop costs one check. Exiting the JVM from the
 * code under test breaks the grading rules: the exercise scores 0.
 */
public final class ExerciseRunner {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_LINE = 256 * 1024;
    private static final int KEEP_JVM_OUTPUT = 16 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<String> jvmCommand;
    private final SharedClasses.Use shared;
    private final GraderClasspath grader;
    private final List<Path> implementation;
    private final Sandbox sandbox;
    private final boolean untrusted;

    /**
     * @param javaExecutable the java launcher for grading JVMs
     * @param jvmFlags flags every grading JVM gets (heap limit, Lincheck's flags, -Dlang ...)
     * @param grader the grader's own classpath (with and without the hidden checks)
     * @param implementation the compiled implementation under test (folders or jars, first wins)
     * @param sandbox how grading JVMs are started
     * @param untrusted someone else's code: a hidden check reports pass or fail only
     */
    public ExerciseRunner(String javaExecutable, List<String> jvmFlags, GraderClasspath grader, List<Path> implementation,
            Sandbox sandbox, boolean untrusted) {
        this(javaExecutable, jvmFlags, grader, null, implementation, sandbox, untrusted);
    }

    /** As above, for grading JVMs that start from a class-data archive: its class path and flags. */
    public ExerciseRunner(String javaExecutable, SharedClasses.Use shared, List<Path> implementation, Sandbox sandbox, boolean untrusted) {
        this(javaExecutable, shared.flags(), shared.classpath(), shared, implementation, sandbox, untrusted);
    }

    private ExerciseRunner(String javaExecutable, List<String> jvmFlags, GraderClasspath grader, SharedClasses.Use shared,
            List<Path> implementation, Sandbox sandbox, boolean untrusted) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable);
        cmd.addAll(jvmFlags);
        this.jvmCommand = List.copyOf(cmd);
        this.grader = grader;
        this.shared = shared;
        this.implementation = List.copyOf(implementation);
        this.sandbox = sandbox;
        this.untrusted = untrusted;
    }

    /**
     * The class path of a grading JVM: the grader's classes first, so that nothing the implementation
     * holds can stand in for one of them; hidden checks only in a JVM that runs them.
     */
    private String classpath(boolean hidden) {
        StringBuilder cp = new StringBuilder(hidden ? grader.full() : grader.visible());
        for (Path p : implementation) {
            cp.append(java.io.File.pathSeparator).append(p.toAbsolutePath());
        }
        return cp.toString();
    }

    /** Grades {@code spec}; never runs past {@code runDeadline}. */
    public ExerciseResult run(ExerciseSpec spec, Instant runDeadline) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Map<String, CheckResult> results = new LinkedHashMap<>();
        Map<String, Object> figures = new LinkedHashMap<>();
        Map<String, List<lab.grader.harness.Events.Event>> events = new LinkedHashMap<>();
        KeptText jvmOutput = new KeptText(KEEP_JVM_OUTPUT);
        String problem = null;
        boolean zeroed = false;
        String notRunKey = "check.not-reported";

        List<String> pending = new ArrayList<>(spec.checks().stream().map(CheckSpec::id).toList());
        String hungBefore = null; // the check that hung a grading JVM, for the JVMs that resume after it
        while (!pending.isEmpty()) {
            // Visible checks and hidden ones never share a JVM: the code graded by visible checks cannot
            // find the hidden ones, and what a hidden check's JVM printed is never shown.
            boolean hidden = isHidden(spec, pending.get(0));
            List<String> group = pending.stream().filter(id -> isHidden(spec, id) == hidden).toList();
            Attempt a = launch(spec, group, hidden, runDeadline, jvmOutput, hungBefore);
            boolean progress = !a.results.isEmpty();
            results.putAll(a.results);
            figures.putAll(a.figures);
            events.putAll(a.events);
            if (a.tampered != null) {
                problem = Messages.get("run.tampered", a.tampered);
                zeroed = true;
                notRunKey = "run.tampered.not-run";
                break;
            }
            if (!a.leftover.isEmpty() && problem == null) {
                problem = Messages.get("run.leftover-threads", String.join(", ", a.leftover));
            }
            if (a.containerFailure != null) {
                problem = a.containerFailure;
                break;
            }
            if (a.done) {
                pending.removeAll(group);
                pending.removeIf(results::containsKey);
                continue;
            }
            if ("none".equals(a.exitCall)) {
                // The grading JVM's main thread died (not an exit call): fail what was running, go on.
                if (a.inProgress != null && !results.containsKey(a.inProgress)) {
                    results.put(a.inProgress, CheckResult.notRun(a.inProgress, "run.lost", Messages.get("run.lost")));
                }
                pending.removeIf(results::containsKey);
                if (!progress && a.inProgress == null) {
                    problem = Messages.get("run.no-progress");
                    break;
                }
                continue;
            }
            if (a.exitCall != null) {
                problem = Messages.get("run.exited", a.exitCall, a.exitWhere, title(spec, a.inProgress));
                zeroed = true;
                notRunKey = "run.exited.not-run";
                break;
            }
            if (a.runTimeUp) {
                problem = Messages.get("run.time-limit");
                notRunKey = "run.time-limit";
                if (a.inProgress != null && !results.containsKey(a.inProgress)) {
                    results.put(a.inProgress, CheckResult.notRun(a.inProgress, "run.time-limit", problem));
                }
                break;
            }
            if (!a.hung) {
                // Ended without a word: Runtime.halt, a crash of the JVM, or the process was killed.
                List<String> calls = ExitCalls.find(implementation, spec.id());
                problem = calls.isEmpty() ? Messages.get("run.died", a.exitCode, title(spec, a.inProgress))
                        : Messages.get("run.died.calls", a.exitCode, title(spec, a.inProgress), String.join("\n", calls));
                zeroed = a.exitCode != 137 && a.exitCode != 143; // killed by the OS is not the student's doing
                notRunKey = "run.died.not-run";
                break;
            }
            pending.removeIf(results::containsKey);
            if (hungBefore == null && a.inProgress != null) {
                hungBefore = title(spec, a.inProgress);
            }
            if (!progress) {
                problem = Messages.get("run.no-progress");
                break;
            }
        }
        List<CheckResult> ordered = new ArrayList<>();
        for (CheckSpec c : spec.checks()) {
            CheckResult r = results.get(c.id());
            if (r == null) {
                r = CheckResult.notRun(c.id(), notRunKey, Messages.get("check.not-run",
                        problem == null ? Messages.get("check.not-reported") : problem));
            }
            ordered.add(r);
        }
        String jvmText = jvmOutput.text() + (jvmOutput.cut() > 0 ? "\n" + Messages.get("output.cut", jvmOutput.cut()) : "");
        return new ExerciseResult(spec, ordered, figures, problem, zeroed, jvmText,
                (System.nanoTime() - start) / 1_000_000, events);
    }

    private static boolean isHidden(ExerciseSpec spec, String check) {
        return spec.checks().stream().anyMatch(c -> c.id().equals(check) && c.hidden());
    }

    private static String title(ExerciseSpec spec, String check) {
        return check == null ? "-" : Messages.get("check." + spec.id() + "." + check);
    }

    /** One grading JVM's run over some of the exercise's checks. */
    private Attempt launch(ExerciseSpec spec, List<String> checks, boolean hidden, Instant runDeadline, KeptText jvmOutput,
            String hungBefore) throws IOException, InterruptedException {
        String classpath = classpath(hidden);
        boolean secret = hidden && untrusted;
        String token = HexFormat.of().formatHex(RANDOM.generateSeed(16));
        Path workDir = Files.createTempDirectory("lab-grade-" + spec.id() + "-");
        // What the grading JVM reads, where its sandbox lets it read it: its class path, and the class-data
        // archive it starts from (SharedClasses), which must be readable there too.
        List<Path> readable = new ArrayList<>(GraderClasspath.entries(classpath));
        if (shared != null) {
            readable.add(shared.archive());
        }
        java.util.Map<Path, Path> staged = sandbox.stage(readable, workDir);
        java.util.Map<Path, Path> view = new java.util.LinkedHashMap<>(staged);
        List<String> cmd = new ArrayList<>(jvmCommand);
        if (shared != null) {
            view.remove(shared.archive());
            cmd.add(SharedClasses.Use.archiveFlag(staged.get(shared.archive())));
        }
        cmd.add("-Djava.io.tmpdir=" + workDir);
        if (hungBefore != null) {
            // Code that hung a JVM once gets shorter limits in the next one (see HangMemory).
            cmd.add("-Dgrader.hungBefore=" + hungBefore);
        }
        // Lincheck instruments through Byte Buddy's agent: loaded at start, it needs no attach to the running
        // JVM (which takes a second, and in the sandbox on JDK 24+ cannot work without /proc).
        view.values().stream().filter(p -> p.getFileName().toString().matches("(readable-\\d+-)?byte-buddy-agent-.*\\.jar"))
                .findFirst().ifPresent(agent -> cmd.add("-javaagent:" + agent));
        cmd.add("-cp");
        cmd.add(GraderClasspath.join(view.values()));
        cmd.add(ForkMain.class.getName());
        cmd.add(spec.checksClass());
        // A check held by another class than the exercise's (an instructor's hidden check) goes as class#method.
        cmd.add(checks.stream().map(id -> spec.checks().stream().filter(c -> c.id().equals(id)).findFirst()
                .filter(c -> !c.classIn(spec).equals(spec.checksClass())).map(c -> c.classIn(spec) + "#" + id).orElse(id))
                .collect(java.util.stream.Collectors.joining(",")));
        cmd.add(String.valueOf(spec.checkSeconds()));
        ProcessBuilder started = sandbox.prepareScratch(cmd, workDir, List.copyOf(staged.values()));
        Process process;
        try {
            process = started.start();
        } catch (IOException e) {
            sandbox.ended(started);
            Folders.deleteQuietly(workDir);
            throw e;
        }
        try (OutputStream in = process.getOutputStream()) {
            in.write((token + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the JVM died before reading its token; what it printed says why
        }

        Attempt attempt = new Attempt(spec, checks, secret);
        String prefix = token + " ";
        // What a hidden check's JVM printed outside the report line is never shown: it may be the hidden checks.
        KeptText shown = secret ? new KeptText(0) : jvmOutput;
        Thread stdout = reader("grader-read-stdout", () -> BoundedLines.read(process.getInputStream(), MAX_LINE, line -> {
            if (line.startsWith(prefix)) {
                attempt.event(line.substring(prefix.length()));
            } else if (!isSharingNotice(line)) {
                shown.add(line + "\n");
            }
        }));
        Thread stderr = reader("grader-read-stderr",
                () -> BoundedLines.read(process.getErrorStream(), MAX_LINE, line -> {
                    if (!isSharingNotice(line)) {
                        shown.add(line + "\n");
                    }
                }));

        // The JVM's own watchdog ends a hung check; this limit is the backstop if that fails too.
        Duration exerciseLimit = Duration.ofSeconds((long) spec.checkSeconds() * (checks.size() + 1) + 30);
        Instant deadline = Instant.now().plus(exerciseLimit);
        if (deadline.isAfter(runDeadline)) {
            deadline = runDeadline;
        }
        long waitMillis = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
        boolean ended = process.waitFor(waitMillis, TimeUnit.MILLISECONDS);
        if (!ended) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            attempt.runTimeUp = !Instant.now().isBefore(runDeadline);
            if (!attempt.runTimeUp) {
                attempt.killed(exerciseLimit.toSeconds());
            }
        }
        // Processes the code under test started must not outlive its grading JVM.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        sandbox.ended(started);
        stdout.join(5000);
        stderr.join(5000);
        attempt.exitCode = process.isAlive() ? -1 : process.exitValue();
        Folders.deleteQuietly(workDir);
        return attempt;
    }

    /**
     * The JVM's notice, once Lincheck's agent has added to the boot class path, that the class-data archive
     * ({@link SharedClasses}) now serves the JDK's classes only: the grader's doing, not the student's output.
     */
    static boolean isSharingNotice(String line) {
        return line.endsWith(" VM warning: Sharing is only supported for boot loader classes because bootstrap classpath has been appended");
    }

    private static Thread reader(String name, IoTask task) {
        Thread t = new Thread(() -> {
            try {
                task.run();
            } catch (IOException e) {
                // the child is gone; whatever it sent so far has been handled
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    @FunctionalInterface
    private interface IoTask {
        void run() throws IOException;
    }

    /**
     * What one grading JVM reported. Events must come in protocol order: a check's start, then one
     * end for it, then the next; done last. The grading JVM's own listener always sends them that
     * way, so an extra or out-of-order event can only come from code that forged it: the exercise
     * is then void.
     */
    static final class Attempt {
        private final ExerciseSpec spec;
        private final List<String> requested;
        private final java.util.Set<String> started = new java.util.HashSet<>();
        final Map<String, CheckResult> results = new LinkedHashMap<>();
        final Map<String, Object> figures = new LinkedHashMap<>();
        /** What each check recorded for the report page's pictures (bounded: a JVM could send more than it should). */
        final Map<String, List<lab.grader.harness.Events.Event>> events = new LinkedHashMap<>();
        final List<String> leftover = new ArrayList<>();
        volatile String inProgress;
        volatile boolean done;
        volatile boolean hung;
        volatile boolean runTimeUp;
        volatile String exitCall;
        volatile String exitWhere;
        volatile String containerFailure;
        volatile String tampered;
        volatile int exitCode;

        private final boolean secret;

        /** @param secret a hidden check's JVM grading someone else's code: only pass or fail is kept */
        Attempt(ExerciseSpec spec, List<String> requested, boolean secret) {
            this.spec = spec;
            this.requested = List.copyOf(requested);
            this.secret = secret;
        }

        /** Student-controlled or hidden text from a secret JVM becomes a plain "failed". */
        private String shown(String text) {
            return secret ? Messages.get("check.hidden-failed") : text;
        }

        synchronized void event(String json) {
            Map<?, ?> e;
            try {
                e = JSON.readValue(json, Map.class);
            } catch (IOException ex) {
                violation("unreadable event");
                return;
            }
            String type = String.valueOf(e.get("type"));
            String check = e.get("check") == null ? null : String.valueOf(e.get("check"));
            if (done && !"exit".equals(type)) {
                violation(type + " after done");
                return;
            }
            switch (type) {
                case "start" -> {
                    if (check == null || inProgress != null || !requested.contains(check) || !started.add(check)) {
                        violation("start " + check);
                        return;
                    }
                    inProgress = check;
                }
                case "end" -> {
                    if (check == null || !check.equals(inProgress) || results.containsKey(check)) {
                        violation("end " + check);
                        return;
                    }
                    String output = str(e.get("output"));
                    long dropped = e.get("dropped") instanceof Number n ? n.longValue() : 0;
                    if (dropped > 0) {
                        output += "\n" + Messages.get("output.cut", dropped);
                    }
                    boolean passed = "passed".equals(e.get("status"));
                    results.put(check, new CheckResult(check, passed, passed ? null : str(e.get("key")),
                            passed ? null : shown(str(e.get("message"))), secret ? "" : output,
                            e.get("millis") instanceof Number n ? n.longValue() : 0));
                    inProgress = null;
                }
                case "figure" -> {
                    if (!secret) {
                        figures.put(str(e.get("name")), e.get("value"));
                    }
                }
                case "event" -> {
                    // Like a hidden check's message: what a secret JVM recorded is never shown (it may
                    // describe the hidden checks' inputs). Only the check in progress may record, and
                    // only so much: the page must not grow with whatever a JVM sends.
                    if (!secret && check != null && check.equals(inProgress) && e.get("event") instanceof Map<?, ?> m) {
                        List<lab.grader.harness.Events.Event> list = events.computeIfAbsent(check, c -> new ArrayList<>());
                        lab.grader.harness.Events.Event ev = lab.grader.harness.Events.Event.fromMap(m);
                        if (ev != null && list.size() < lab.grader.harness.Events.MAX_EVENTS) {
                            list.add(ev);
                        }
                    }
                }
                case "hung" -> hung = true;
                case "exit" -> {
                    exitCall = str(e.get("call"));
                    exitWhere = secret ? "-" : str(e.get("where"));
                    if (check != null) {
                        inProgress = check;
                    }
                }
                case "container-failed" -> containerFailure = shown(str(e.get("message")));
                case "done" -> {
                    if (inProgress != null) {
                        violation("done during " + inProgress);
                        return;
                    }
                    if (e.get("leftover") instanceof List<?> names) {
                        names.forEach(n -> leftover.add(secret ? "?" : String.valueOf(n)));
                    }
                    done = true;
                }
                default -> violation("unknown event " + type);
            }
        }

        private void violation(String what) {
            if (tampered == null) {
                tampered = secret ? "-" : what;
            }
        }

        synchronized void killed(long seconds) {
            if (inProgress != null && !results.containsKey(inProgress)) {
                results.put(inProgress, CheckResult.notRun(inProgress, "run.killed", Messages.get("run.killed", seconds)));
            }
            hung = true;
        }

        private static String str(Object o) {
            return o == null ? "" : String.valueOf(o);
        }
    }
}
