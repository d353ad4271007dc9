package lab.grader.batch;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import lab.grader.run.Folders;

/**
 * Compiles a submission laid over the kit's pristine exercise sources, with the JDK's compiler in this
 * JVM ({@code --release 17}, no annotation processing: compiling runs none of the student's code).
 *
 * <p>Exercises are independent packages, so a package whose student files do not compile is put back
 * to the kit's stubs and the rest is compiled again: a typo in one exercise costs that exercise (with
 * the compiler's message in its report), not the whole kit.
 */
public final class SourceCompiler {
    static final String RELEASE = "17";
    private static final int MAX_MESSAGE = 12_000;

    private SourceCompiler() {
    }

    /**
     * The outcome of compiling a submission.
     *
     * @param classes the compiled classes (the kit's stubs stand in for packages that did not compile)
     * @param failed the packages whose student files did not compile, with the compiler's message
     */
    public record Compiled(Path classes, Map<String, String> failed) {
    }

    /**
     * Writes the kit's sources overlaid with the student's into {@code work/src} and compiles them into
     * {@code work/classes}.
     *
     * @throws IOException when even the kit's own sources do not compile (the kit is broken)
     */
    public static Compiled compile(KitSources kit, Map<String, String> studentSources, Path work) throws IOException {
        Map<String, String> overlay = new TreeMap<>(studentSources);
        Map<String, String> failed = new LinkedHashMap<>();
        while (true) {
            Path src = work.resolve("src");
            Path classes = work.resolve("classes");
            Folders.deleteTree(src);
            Folders.deleteTree(classes);
            Files.createDirectories(classes);
            List<Path> files = new ArrayList<>();
            for (Map.Entry<String, Path> e : kit.files().entrySet()) {
                if (!overlay.containsKey(e.getKey())) {
                    files.add(write(src, e.getKey(), Files.readString(e.getValue(), StandardCharsets.UTF_8)));
                }
            }
            for (Map.Entry<String, String> e : overlay.entrySet()) {
                files.add(write(src, e.getKey(), e.getValue()));
            }
            Map<String, List<String>> errors = javac(src, files, classes);
            if (errors.isEmpty()) {
                return new Compiled(classes, failed);
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

    /** Compiles; returns the errors by package (empty when it compiled), each as the compiler shows it. */
    private static Map<String, List<String>> javac(Path src, List<Path> files, Path classes) throws IOException {
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
