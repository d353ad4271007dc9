package lab.grader.integrity;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The compiled classes a run grades, copied out of the implementation into a folder of the grader's
 * own, and only those of the exercises' packages ({@code lab.counter}, ...: one level, no sub-packages).
 *
 * <p>Where a class sits is decided by its class file's path, which the compiler derives from the real
 * {@code package} declaration (after Unicode escapes), never by reading the source. A class of any
 * other package (the grader's {@code lab.grader.fork}, JUnit's, a {@code lab.counter.util}) is refused:
 * it never reaches a grading JVM's class path, where it could stand in for, or reach into, the grader.
 * Links are not followed.
 *
 * @param folder the copy (the first implementation root holding a class wins, as on a class path)
 * @param refused the class files refused, as {@code lab/grader/fork/Evil.class}
 */
public record GradedClasses(Path folder, List<String> refused) {

    /** Copies the classes of {@code lab.<id>} for every id into {@code into} (created empty). */
    public static GradedClasses copy(List<Path> implementation, Collection<String> exerciseIds, Path into) throws IOException {
        Files.createDirectories(into);
        Set<String> allowed = new HashSet<>();
        exerciseIds.forEach(id -> allowed.add("lab/" + id));
        Map<String, Path> taken = new TreeMap<>();
        List<String> refused = new ArrayList<>();
        for (Path root : implementation) {
            if (Files.isRegularFile(root, LinkOption.NOFOLLOW_LINKS)) {
                try (FileSystem jar = FileSystems.newFileSystem(URI.create("jar:" + root.toUri()), Map.of())) {
                    collect(jar.getPath("/"), allowed, taken, refused, into);
                }
            } else if (Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
                collect(root, allowed, taken, refused, into);
            }
        }
        return new GradedClasses(into, List.copyOf(refused));
    }

    private static void collect(Path root, Set<String> allowed, Map<String, Path> taken, List<String> refused, Path into)
            throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.getFileName() != null && p.getFileName().toString().endsWith(".class")).toList();
        }
        for (Path file : files) {
            String rel = root.relativize(file).toString().replace('\\', '/');
            if (rel.startsWith("/")) {
                rel = rel.substring(1);
            }
            if (taken.containsKey(rel) || refused.contains(rel)) {
                continue;
            }
            int slash = rel.lastIndexOf('/');
            String pkg = slash < 0 ? "" : rel.substring(0, slash);
            if (!allowed.contains(pkg) || Files.isSymbolicLink(file) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                refused.add(rel);
                continue;
            }
            Path target = into.resolve(rel);
            Files.createDirectories(target.getParent());
            Files.write(target, Files.readAllBytes(file));
            taken.put(rel, file);
        }
    }

    /** The refused class files as class names ({@code lab.grader.fork.Evil}). */
    public List<String> refusedClassNames() {
        return refused.stream().map(r -> r.replaceAll("\\.class$", "").replace('/', '.')).toList();
    }
}
