package lab.grader.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import lab.grader.harness.BytecodeScan;
import lab.grader.i18n.Messages;
import org.objectweb.asm.ClassReader;

/**
 * Finds the calls in submitted bytecode that end the JVM: System.exit, Runtime.exit, Runtime.halt.
 *
 * <p>Runtime.halt runs no shutdown hook, so when a grading JVM vanishes without a word, this scan
 * is how the report can still name the call and where it is. It only names; it never costs points
 * by itself (a student's own main method may call System.exit harmlessly).
 */
public final class ExitCalls {
    private ExitCalls() {
    }

    /** Every exit/halt call in the classes of package {@code lab.<exercise>} under the roots, as "Runtime.halt at Class.method (File:line)". */
    public static List<String> find(List<Path> roots, String exercise) {
        List<String> found = new ArrayList<>();
        for (Path root : roots) {
            Path pkg = root.resolve("lab").resolve(exercise);
            if (!Files.isDirectory(pkg)) {
                continue;
            }
            try (Stream<Path> classes = Files.walk(pkg)) {
                for (Path c : classes.filter(p -> p.toString().endsWith(".class")).toList()) {
                    try (InputStream in = Files.newInputStream(c)) {
                        scan(new ClassReader(in), found);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // unreadable bytecode: nothing to name
            }
        }
        return found;
    }

    private static void scan(ClassReader reader, List<String> found) {
        new BytecodeScan() {
            @Override
            protected void call(String owner, String name, String place) {
                String call = ("java/lang/System".equals(owner) && "exit".equals(name)) ? "System.exit"
                        : ("java/lang/Runtime".equals(owner) && ("exit".equals(name) || "halt".equals(name)))
                                ? "Runtime." + name : null;
                if (call != null) {
                    found.add(Messages.get("run.exit-call", call, place));
                }
            }
        }.scan(reader);
    }
}
