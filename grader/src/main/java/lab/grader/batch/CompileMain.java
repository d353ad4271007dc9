package lab.grader.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The compiler's own JVM: compiles one round of a submission ({@link SourceCompiler#javac}) in a child
 * process that the batch grader can stop, so that source code javac needs hours or gigabytes for (deeply
 * nested generic conditionals, nested lambdas with overloaded generic methods) costs one submission
 * its compile limit, not the whole batch.
 *
 * <p>{@code java -Xmx512m -cp <grader classpath> lab.grader.batch.CompileMain SRC CLASSES RESULT}: compiles
 * every {@code .java} file under SRC into CLASSES and writes the errors by package to RESULT as JSON
 * ({@code {"errors": {"lab.counter": ["..."]}}}; no errors: it compiled). Exit status 0 once RESULT is
 * written, whatever the compiler said.
 */
public final class CompileMain {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CompileMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: CompileMain SRC CLASSES RESULT");
            System.exit(2);
        }
        Path src = Path.of(args[0]);
        Path classes = Path.of(args[1]);
        Path result = Path.of(args[2]);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(src)) {
            files = walk.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p)).sorted().toList();
        }
        Map<String, List<String>> errors;
        try {
            errors = SourceCompiler.javac(src, files, classes);
        } catch (RuntimeException | StackOverflowError e) {
            // javac's own failure on this source (a deeply nested expression overflowing its stack, say)
            errors = Map.of("", List.of("error: the compiler failed on this code: " + e));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("errors", errors);
        Path tmp = result.resolveSibling(result.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), out);
        Files.move(tmp, result);
    }
}
