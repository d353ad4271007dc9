package lab.grader.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The kit's own exercise sources ({@code exercises/src/main/java}): the pristine tree every submission
 * is graded on. A student's files replace the stubs; the given classes (interfaces, exception types,
 * demo classes: every file of the tree without a {@code TODO} stub) always stay the kit's.
 */
public final class KitSources {
    /** What marks a stub: its methods throw {@code UnsupportedOperationException("TODO: ...")}. */
    static final java.util.regex.Pattern STUB_MARK = java.util.regex.Pattern.compile("UnsupportedOperationException\\(\\s*\"TODO");

    private final Path root;
    private final Map<String, Path> files;
    private final Set<String> given;
    private final Set<String> packages;

    private KitSources(Path root, Map<String, Path> files, Set<String> given, Set<String> packages) {
        this.root = root;
        this.files = files;
        this.given = given;
        this.packages = packages;
    }

    /** The exercise sources of the kit at {@code kitRoot} (the folder holding {@code exercises/}). */
    public static KitSources of(Path kitRoot) throws IOException {
        Path root = kitRoot.resolve("exercises/src/main/java").toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new IOException("no exercise sources at " + root);
        }
        Map<String, Path> files = new TreeMap<>();
        Set<String> given = new TreeSet<>();
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".java") && Files.isRegularFile(f)).toList()) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                files.put(rel, p);
                if (!STUB_MARK.matcher(Files.readString(p, StandardCharsets.UTF_8)).find()) {
                    given.add(rel);
                }
                int slash = rel.lastIndexOf('/');
                if (slash > 0) {
                    packages.add(rel.substring(0, slash).replace('/', '.'));
                }
            }
        }
        return new KitSources(root, Collections.unmodifiableMap(files), Collections.unmodifiableSet(given),
                Collections.unmodifiableSet(packages));
    }

    /** The folder of the pristine sources. */
    public Path root() {
        return root;
    }

    /** Every source file, by its path under the source root ({@code lab/counter/Counter.java}). */
    public Map<String, Path> files() {
        return files;
    }

    /** The given classes' paths: a student's version of them is ignored. */
    public Set<String> given() {
        return given;
    }

    /** The packages of the exercises ({@code lab.counter}, ...): a student's file must be in one of them. */
    public Set<String> packages() {
        return packages;
    }
}
