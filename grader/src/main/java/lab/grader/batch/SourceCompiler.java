package lab.grader.batch;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import lab.grader.integrity.GraderClasspath;
import lab.grader.run.Folders;
import lab.grader.sandbox.Sandbox;

/**
 * Compiles a submission laid over the kit's pristine exercise sources ({@code --release 17}, no
 * annotation processing: compiling runs none of the student's code), each round in a JVM of its own
 * ({@link CompileMain}) started through the run's {@link Sandbox}, with a memory limit and one time
 * limit for all rounds of a submission together: a few kilobytes of valid Java can keep javac busy for
 * hours and take gigabytes, and that must cost the submission, not the batch.
 *
 * <p>Exercises are independent packages, so a package whose student files do not compile is put back
 * to the kit's stubs and the rest is compiled again: a typo in one exercise costs that exercise (with
 * the compiler's message in its report), not the whole kit. A round stopped by a limit puts every
 * package of the student's that is left back to the stubs ({@link Compiled#stopped}); the kit's own
 * sources are then compiled alone (trusted code, with a time limit of their own), so that exercises
 * the student sent nothing for are graded as usual.
 */
public final class SourceCompiler {
    static final String RELEASE = "17";
    private static final int MAX_MESSAGE = 12_000;
    /** Longer source lines are cut in a message (a 500 KB line must not make 100 errors 50 MB). */
    private static final int MAX_LINE = 2_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SourceCompiler() {
    }

    /**
     * How the compiler's JVMs are started and bounded.
     *
     * @param sandbox what every compiler JVM is started through (its work folder: the submission's)
     * @param graderClasspath the grader's classpath ({@link CompileMain} and Jackson): readable in the sandbox
     * @param timeLimit the limit of one submission's compile, all rounds together
     * @param memoryMb the compiler JVM's heap ({@code -Xmx})
     */
    public record Limits(Sandbox sandbox, String graderClasspath, Duration timeLimit, int memoryMb) {
        public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(60);
        public static final int DEFAULT_MEMORY_MB = 512;

        /** The defaults: 60 s, 512 MB. */
        public Limits(Sandbox sandbox, String graderClasspath) {
            this(sandbox, graderClasspath, DEFAULT_TIME_LIMIT, DEFAULT_MEMORY_MB);
        }
    }

    /** Why a compile round was stopped. */
    public enum Stop {
        /** It reached the time limit. */
        TIME,
        /** The compiler ran out of its heap. */
        MEMORY
    }

    /**
     * The outcome of compiling a submission.
     *
     * @param classes the compiled classes (the kit's stubs stand in for packages that did not compile)
     * @param failed the packages whose student files did not compile, with the compiler's message
     * @param stopped the packages whose student files were being compiled when a limit stopped the compiler
     */
    public record Compiled(Path classes, Map<String, String> failed, Map<String, Stop> stopped) {
    }

    /**
     * Writes the kit's sources overlaid with the student's into {@code work/src} and compiles them into
     * {@code work/classes}, in child JVMs whose working folder is {@code work}.
     *
     * @throws IOException when even the kit's own sources do not compile (the kit is broken) or the
     *         compiler's JVM failed for a reason of its own
     */
    public static Compiled compile(KitSources kit, Map<String, String> studentSources, Path work, Limits limits)
            throws IOException, InterruptedException {
        Map<String, String> overlay = new TreeMap<>(studentSources);
        Map<String, String> failed = new LinkedHashMap<>();
        Map<String, Stop> stopped = new TreeMap<>();
        long deadline = System.nanoTime() + limits.timeLimit().toNanos();
        while (true) {
            Path src = work.resolve("src");
            Path classes = work.resolve("classes");
            Folders.deleteTree(src);
            Folders.deleteTree(classes);
            Files.createDirectories(classes);
            for (Map.Entry<String, Path> e : kit.files().entrySet()) {
                if (!overlay.containsKey(e.getKey())) {
                    write(src, e.getKey(), Files.readString(e.getValue(), StandardCharsets.UTF_8));
                }
            }
            for (Map.Entry<String, String> e : overlay.entrySet()) {
                write(src, e.getKey(), e.getValue());
            }
            // The kit alone is the instructor's code: it gets a limit of its own, and failing it is the grader's problem.
            boolean kitOnly = overlay.isEmpty();
            long left = kitOnly ? limits.timeLimit().toNanos() : deadline - System.nanoTime();
            Round round = left <= 0 ? new Round(null, Stop.TIME) : inChildJvm(work, src, classes, limits, left);
            if (round.stop() != null) {
                if (kitOnly) {
                    throw new IOException("the kit's own exercise sources could not be compiled within the limits ("
                            + limits.timeLimit().toSeconds() + " s, " + limits.memoryMb() + " MB): " + round.stop());
                }
                overlay.keySet().forEach(k -> stopped.put(packageOf(k), round.stop()));
                overlay.clear();
                continue;
            }
            Map<String, List<String>> errors = round.errors();
            if (errors.isEmpty()) {
                return new Compiled(classes, failed, stopped);
            }
            // Put the failing packages back to the kit's stubs; if none of them is the student's, the kit itself is broken.
            boolean reverted = false;
            for (Map.Entry<String, List<String>> e : errors.entrySet()) {
                String pkg = e.getKey();
                boolean students = overlay.keySet().stream().anyMatch(k -> packageOf(k).equals(pkg));
                if (students) {
                    overlay.keySet().removeIf(k -> packageOf(k).equals(pkg));
                    String message = String.join("\n", e.getValue());
                    failed.merge(pkg, cut(message), (a, b) -> a + "\n" + b);
                    reverted = true;
                }
            }
            if (!reverted) {
                // Errors only in the kit's own files: caused by a student's file in another package
                // (a helper it shadows, say). Put every student file that the errors could involve back.
                if (overlay.isEmpty()) {
                    throw new IOException("the kit's own exercise sources do not compile:\n" + errors);
                }
                for (String pkg : new TreeSet<>(overlay.keySet().stream().map(SourceCompiler::packageOf).toList())) {
                    failed.merge(pkg, cut(String.join("\n", errors.values().stream().flatMap(List::stream).toList())),
                            (a, b) -> a + "\n" + b);
                }
                overlay.clear();
            }
        }
    }

    /** One compile round: the errors by package, or why it was stopped. */
    private record Round(Map<String, List<String>> errors, Stop stop) {
    }

    /** Runs {@link CompileMain} on {@code src} through the sandbox; stops it (and anything it started) at the time limit. */
    private static Round inChildJvm(Path work, Path src, Path classes, Limits limits, long nanos)
            throws IOException, InterruptedException {
        Path result = work.resolve("compile.json");
        Path log = work.resolve("compile.log");
        Files.deleteIfExists(result);
        Files.deleteIfExists(log);
        // The class path where the sandbox lets the compiler read it (a root-only kit is read through a view).
        Map<Path, Path> view = limits.sandbox().stage(GraderClasspath.entries(limits.graderClasspath()), work);
        String classpath = GraderClasspath.join(view.values());
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + limits.memoryMb() + "m", "-XX:+ExitOnOutOfMemoryError"));
        cmd.addAll(lab.grader.run.ShortJvm.TOOL);
        cmd.addAll(List.of("-Xshare:auto", "-Duser.language=en", "-cp", classpath, CompileMain.class.getName(),
                src.toAbsolutePath().toString(), classes.toAbsolutePath().toString(), result.toAbsolutePath().toString()));
        ProcessBuilder started = limits.sandbox().prepare(cmd, work, List.copyOf(view.values()));
        Process p = started.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(nanos, TimeUnit.NANOSECONDS)) {
                return new Round(null, Stop.TIME);
            }
        } finally {
            if (p.isAlive()) {
                kill(p);
            }
            limits.sandbox().ended(started);
        }
        if (Files.isRegularFile(result, LinkOption.NOFOLLOW_LINKS)) {
            Map<String, List<String>> errors = JSON.readValue(result.toFile(), new TypeReference<Map<String, Map<String, List<String>>>>() {
            }).get("errors");
            return new Round(errors == null ? Map.of() : new TreeMap<>(errors), null);
        }
        String output = head(log);
        if (output.contains("OutOfMemoryError")) {
            return new Round(null, Stop.MEMORY);
        }
        throw new IOException("the compiler's JVM stopped (exit status " + p.exitValue() + ") without a result:\n" + output);
    }

    /** Stops a process and everything it started (a sandbox's process starts the JVM). */
    static void kill(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor();
    }

    /** The start of a (possibly huge) log. */
    private static String head(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "";
        }
        try (InputStream in = Files.newInputStream(log)) {
            return new String(in.readNBytes(16 * 1024), StandardCharsets.UTF_8);
        }
    }

    private static String cut(String message) {
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "\n...";
    }

    static String packageOf(String relPath) {
        int slash = relPath.lastIndexOf('/');
        return slash < 0 ? "" : relPath.substring(0, slash).replace('/', '.');
    }

    private static Path write(Path src, String rel, String text) throws IOException {
        Path file = src.resolve(rel);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /**
     * Compiles with the JDK's compiler in this JVM ({@link CompileMain}'s); returns the errors by package
     * (empty when it compiled), each as the compiler shows it.
     */
    static Map<String, List<String>> javac(Path src, List<Path> files, Path classes) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IOException("no Java compiler in this JVM: run the grader on a JDK, not a JRE");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ENGLISH, StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", RELEASE, "-proc:none", "-encoding", "UTF-8", "-nowarn",
                    "-Xmaxerrs", "100", "-implicit:none", "-sourcepath", "", "-classpath", "", "-d", classes.toString());
            StringWriter out = new StringWriter();
            boolean ok = javac.getTask(out, fm, diagnostics, options, null, fm.getJavaFileObjectsFromPaths(files)).call();
            Map<String, List<String>> errors = new TreeMap<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() != Diagnostic.Kind.ERROR) {
                    continue;
                }
                String rel = d.getSource() == null ? "" : src.relativize(Path.of(d.getSource().toUri())).toString().replace('\\', '/');
                errors.computeIfAbsent(packageOf(rel), k -> new ArrayList<>()).add(format(rel, d));
            }
            if (!ok && errors.isEmpty()) {
                errors.put("", List.of(out.toString()));
            }
            return errors;
        }
    }

    /** Like javac prints it: {@code lab/counter/LockCounter.java:5: error: ';' expected}, the line, a caret. */
    private static String format(String rel, Diagnostic<? extends JavaFileObject> d) {
        StringBuilder b = new StringBuilder();
        b.append(rel.isEmpty() ? "" : rel + ":" + d.getLineNumber() + ": ").append("error: ").append(d.getMessage(Locale.ENGLISH));
        if (d.getSource() != null && d.getLineNumber() > 0) {
            try {
                String[] lines = d.getSource().getCharContent(true).toString().split("\n", -1);
                String line = lines[(int) d.getLineNumber() - 1].replace("\r", "");
                if (line.length() > MAX_LINE) {
                    line = line.substring(0, MAX_LINE) + " ...";
                }
                b.append('\n').append(line);
                if (d.getColumnNumber() > 0) {
                    b.append('\n').append(" ".repeat((int) Math.min(d.getColumnNumber() - 1, line.length()))).append('^');
                }
            } catch (IOException | RuntimeException e) {
                // the message alone will do
            }
        }
        return b.toString();
    }
}
