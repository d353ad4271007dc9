package lab.grader.instructor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs the kit's own commands (Maven, the Gradescope scripts) as a user would, in a folder of its own. */
final class ChildProcess {
    /** What a command did: its exit status and everything it printed. */
    record Result(int status, String output) {
    }

    private ChildProcess() {
    }

    static Result run(Path dir, Map<String, String> env, long timeoutSeconds, List<String> command) throws Exception {
        Path log = Files.createTempFile("lab-child-", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        pb.environment().remove("MAVEN_CONFIG");
        long start = System.nanoTime();
        Process p = pb.start();
        boolean ended = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        // Each child's time in the test log: a Gradescope run that sometimes takes 220-240 s instead of 6-9 s
        // (every attack in bubblewrap; two checks failed for want of threads) was found this way.
        System.out.printf("child process took %.1f s: %s%n", (System.nanoTime() - start) / 1e9,
                String.join(" ", command.subList(0, Math.min(2, command.size()))));
        if (!ended) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish in " + timeoutSeconds + " s:\n" + tail(log));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        return new Result(p.exitValue(), output);
    }

    /** {@code mvn} with the arguments, offline and on the same local repository when this build is. */
    static Result maven(Path dir, long timeoutSeconds, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(System.getProperty("lab.maven", "mvn"), "-B", "-ntp"));
        cmd.addAll(mavenFlags());
        cmd.addAll(List.of(args));
        return run(dir, Map.of(), timeoutSeconds, cmd);
    }

    /** -o and -Dmaven.repo.local as this build has them. */
    static List<String> mavenFlags() {
        List<String> flags = new ArrayList<>();
        if (System.getProperty("lab.maven.offline", "").endsWith("true")) {
            flags.add("-o");
        }
        String repo = System.getProperty("lab.maven.repo", "");
        if (!repo.isBlank()) {
            flags.add("-Dmaven.repo.local=" + repo);
        }
        return flags;
    }

    private static String tail(Path log) throws IOException {
        String text = Files.readString(log, StandardCharsets.UTF_8);
        return text.length() < 8000 ? text : text.substring(text.length() - 8000);
    }

    /** Copies the kit without build output or version control: what a fresh clone holds. */
    static void copyKit(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path rel = from.relativize(p);
                if (rel.toString().isEmpty()) {
                    continue;
                }
                boolean skip = false;
                for (Path part : rel) {
                    String name = part.toString();
                    skip |= name.equals("target") || name.equals(".git") || name.equals(".idea");
                }
                if (skip) {
                    continue;
                }
                Path target = to.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** Unzips with the JDK, keeping nothing but the files (modes are not kept: scripts are run with bash). */
    static void unzip(Path zip, Path to) throws IOException {
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(Files.newInputStream(zip))) {
            for (java.util.zip.ZipEntry e; (e = in.getNextEntry()) != null; ) {
                Path target = to.resolve(e.getName()).normalize();
                if (!target.startsWith(to)) {
                    throw new IOException("zip entry outside the folder: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                }
            }
        }
    }

    /** Every file under a folder, as paths relative to it with '/'. */
    static List<String> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }
}
