package lab.grader.integrity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import lab.grader.rubric.Rubric;

/**
 * The grader's class path as grading JVMs get it, in two versions: {@link #full()} for a JVM that runs an
 * instructor's hidden checks, and {@link #visible()} for every other one, where the hidden checks' classes,
 * rubric and texts are left out, so that code graded by visible checks cannot even find them.
 *
 * @param full the class path with everything
 * @param visible the same without the hidden checks (equal to full when there are none)
 */
public record GraderClasspath(String full, String visible) {
    private static final String HIDDEN_FOLDER = "lab/grader/hidden/";

    /** A class path without hidden checks: both versions the same. */
    public static GraderClasspath plain(String classpath) {
        return new GraderClasspath(classpath, classpath);
    }

    /**
     * Splits {@code classpath}: every folder entry that holds the hidden rubric is copied into
     * {@code scratch} without the hidden checks, and the visible class path points at the copy.
     */
    public static GraderClasspath of(String classpath, Path scratch) throws IOException {
        List<String> visible = new ArrayList<>();
        List<String> full = new ArrayList<>();
        boolean hidden = false;
        int n = 0;
        for (String entry : classpath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path folder = Path.of(entry).toAbsolutePath().normalize();
            if (holdsExercises(folder)) {
                continue; // an implementation of the exercises: the graded classes are the only one a grading JVM gets
            }
            Path rubric = folder.resolve(Rubric.HIDDEN_RESOURCE.substring(1));
            if (Files.isDirectory(folder) && Files.isRegularFile(rubric)) {
                Path copy = scratch.resolve("grader-" + n++);
                copyWithout(folder, hiddenClassFiles(rubric), copy);
                visible.add(copy.toString());
                hidden = true;
            } else {
                visible.add(folder.toString());
            }
            full.add(folder.toString());
        }
        // Absolute entries: a grading JVM runs in a folder of its own.
        String all = String.join(File.pathSeparator, full);
        return new GraderClasspath(all, hidden ? String.join(File.pathSeparator, visible) : all);
    }

    /** True when a class path entry (folder or jar) holds classes of an exercise's package. */
    private static boolean holdsExercises(Path entry) throws IOException {
        List<String> packages = Rubric.load().ids().stream().map(id -> "lab/" + id + "/").toList();
        if (Files.isDirectory(entry)) {
            return packages.stream().anyMatch(p -> Files.isDirectory(entry.resolve(p)));
        }
        if (!Files.isRegularFile(entry)) {
            return false;
        }
        try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(entry.toFile())) {
            return jar.stream().anyMatch(e -> packages.stream().anyMatch(p -> e.getName().startsWith(p)));
        } catch (java.util.zip.ZipException e) {
            return false;
        }
    }

    /** The class files' paths (without {@code .class}) of the hidden checks classes the rubric names. */
    private static Set<String> hiddenClassFiles(Path rubric) throws IOException {
        Set<String> classes = new HashSet<>();
        JsonNode root = new ObjectMapper().readTree(rubric.toFile());
        for (JsonNode exercise : root.path("exercises")) {
            for (JsonNode check : exercise.path("checks")) {
                String name = check.path("checksClass").asText("");
                if (!name.isBlank()) {
                    classes.add(name.replace('.', '/'));
                }
            }
        }
        return classes;
    }

    private static void copyWithout(Path from, Set<String> hiddenClasses, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = from.relativize(p).toString().replace('\\', '/');
                String base = rel.endsWith(".class") ? rel.substring(0, rel.length() - ".class".length()) : null;
                boolean secret = rel.startsWith(HIDDEN_FOLDER) || (base != null
                        && hiddenClasses.stream().anyMatch(h -> base.equals(h) || base.startsWith(h + "$")));
                if (!secret) {
                    Path target = to.resolve(rel);
                    Files.createDirectories(target.getParent());
                    Files.copy(p, target);
                }
            }
        }
    }

    /** A class path made of {@code entries} (for a process that reads them where its sandbox staged them). */
    public static String join(java.util.Collection<Path> entries) {
        return entries.stream().map(Path::toString).collect(java.util.stream.Collectors.joining(File.pathSeparator));
    }

    /** The entries of one version, as paths (for a sandbox that must make them readable). */
    public static List<Path> entries(String classpath) {
        return Arrays.stream(classpath.split(File.pathSeparator)).filter(e -> !e.isBlank()).map(Path::of).toList();
    }
}
