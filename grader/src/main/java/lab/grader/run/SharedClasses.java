package lab.grader.run;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import lab.grader.integrity.GraderClasspath;

/**
 * A class-data-sharing archive (the JDK's CDS, {@code -XX:SharedArchiveFile}) of the libraries every
 * grading JVM loads on its way to its first check: JUnit's launcher and engine, jackson-core,
 * QuickTheories and the JDK classes they pull in. Made once by a JVM that runs
 * {@link SharedClassesWarmup} ({@code -XX:ArchiveClassesAtExit}) and kept in a cache folder; every later
 * grading JVM maps those classes instead of reading, parsing and verifying them. Measured on this
 * 2-core machine, a grading JVM's start fell from about 0.58 to 0.38 s of CPU.
 *
 * <p>An archive holds classes from jars only, and only for a class path that starts with the same
 * jars, so the grading JVMs' class path is put in that order: the libraries' jars (and the warm-up's
 * jar), then the grader's own folders, then the code under test, still last, so that it can stand in
 * for none of the grader's classes. The archive is made by the grader before any submitted code runs, in
 * a folder of the grader's own user that no one else may write; a sandbox shows it, like the jars,
 * read-only and at their own paths (where a sandbox must copy a root-only jar instead, the archive no
 * longer matches). Whatever goes wrong (no archive could be made, the JDK refuses it) costs only the
 * speed: the JVM then loads its classes as before, and says nothing ({@code -Xlog:cds*=off}).
 */
public final class SharedClasses {
    private static final Duration DUMP_LIMIT = Duration.ofSeconds(60);

    /** {@code -Dgrader.sharedClasses}: {@code off} (to measure without it) or {@code required} (tests). */
    private static final String SWITCH = "grader.sharedClasses";

    /**
     * A JVM's class path and flags with the archive.
     *
     * @param classpath the class path, libraries first
     * @param flags the JVM's flags with the archive's, but for where it reads the archive ({@link #flagsReading})
     * @param archive the archive
     */
    public record Use(GraderClasspath classpath, List<String> flags, Path archive) {
        /** The flags of a JVM that sees the archive at {@code seenAt} (a sandbox may show it elsewhere). */
        public List<String> flagsReading(Path seenAt) {
            List<String> all = new ArrayList<>(flags);
            all.add(archiveFlag(seenAt));
            return all;
        }

        /** The flag that names the archive, as a JVM that sees it at {@code seenAt} must be given it. */
        public static String archiveFlag(Path seenAt) {
            return "-XX:SharedArchiveFile=" + seenAt;
        }
    }

    private SharedClasses() {
    }

    /** The folder archives are kept in: one per user of the machine, in the temporary folder. */
    public static Path defaultCache() {
        return Path.of(System.getProperty("java.io.tmpdir"), "lab-cds-" + System.getProperty("user.name", "user"));
    }

    /**
     * The archive for {@code grader}'s libraries and {@code java} with {@code jvmFlags}, made in the
     * {@link #defaultCache()} if it is not there yet; null when there is none to use (the grading JVMs then
     * start as before) or {@code -Dgrader.sharedClasses=off}.
     */
    public static Use prepare(String java, List<String> jvmFlags, GraderClasspath grader) {
        String mode = System.getProperty(SWITCH, "");
        return "off".equals(mode) ? null : prepare(java, jvmFlags, grader, defaultCache(), "required".equals(mode));
    }

    /** The same for a tool's JVM (SpotBugs'): see {@link #forTool(String, List, String, Class, Path)}. */
    public static Use forTool(String java, List<String> jvmFlags, String classpath, Class<?> warmup) {
        return "off".equals(System.getProperty(SWITCH, "")) ? null : forTool(java, jvmFlags, classpath, warmup, defaultCache());
    }

    /**
     * As {@link #prepare(String, List, GraderClasspath)}, in {@code cache}; with {@code required}, a grading JVM that
     * cannot map the archive fails to start ({@code -Xshare:on}): for the project's own tests, which prove
     * that grading JVMs really use it (in the sandbox too).
     */
    public static Use prepare(String java, List<String> jvmFlags, GraderClasspath grader, Path cache, boolean required) {
        List<String> jars = jars(grader.full());
        if (!jars.equals(jars(grader.visible()))) {
            return null;
        }
        Archive archive = archive(java, jvmFlags, jars, SharedClassesWarmup.class, cache, required);
        return archive == null ? null
                : new Use(new GraderClasspath(archive.classpath(grader.full()), archive.classpath(grader.visible())), archive.flags(),
                        archive.file());
    }

    /**
     * The same for a tool's JVM (SpotBugs') on {@code classpath}: an archive of what {@code warmup}'s main
     * loads (it gets its own jar's path as its only argument), made once in {@code cache}. The class path
     * returned (both versions the same) has the jars first and the folders after; null when there is no
     * archive to use.
     */
    public static Use forTool(String java, List<String> jvmFlags, String classpath, Class<?> warmup, Path cache) {
        Archive archive = archive(java, jvmFlags, jars(classpath), warmup, cache, false);
        return archive == null ? null : new Use(GraderClasspath.plain(archive.classpath(classpath)), archive.flags(), archive.file());
    }

    /** An archive and what uses it: the jars it was made from (they start the class path), and the JVM's flags. */
    private record Archive(List<String> prefix, List<String> flags, Path file) {
        /** {@code classpath} with the archive's jars first, then its folders in their order (never an empty entry). */
        String classpath(String classpath) {
            List<String> all = new ArrayList<>(prefix);
            GraderClasspath.entries(classpath).stream().filter(p -> !isJar(p)).map(Path::toString).forEach(all::add);
            return String.join(File.pathSeparator, all);
        }
    }

    private static Archive archive(String java, List<String> jvmFlags, List<String> jars, Class<?> warmup, Path cache,
            boolean required) {
        try {
            if (jars.isEmpty()) {
                return null;
            }
            Files.createDirectories(cache);
            if (!ownedAndPrivate(cache)) {
                return null;
            }
            Path warmupJar = warmupJar(cache, warmup);
            List<String> prefix = new ArrayList<>(jars);
            prefix.add(warmupJar.toString());
            List<String> flags = new ArrayList<>(jvmFlags);
            flags.removeIf(f -> f.startsWith("-Xshare:"));
            Path archive = cache.resolve(warmup.getSimpleName() + "-" + key(java, flags, prefix) + ".jsa");
            if (!Files.isRegularFile(archive) && !dump(java, flags, prefix, warmup, warmupJar, archive)) {
                return null;
            }
            flags.add(required ? "-Xshare:on" : "-Xshare:auto");
            flags.add("-Xlog:cds*=off"); // a refused archive (another JDK update, say) is not the student's output
            return new Archive(List.copyOf(prefix), List.copyOf(flags), archive);
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * An archive's classes run in every grading JVM: a folder another user could write (or made by one)
     * is not used.
     */
    private static boolean ownedAndPrivate(Path cache) throws IOException {
        try {
            var attributes = Files.readAttributes(cache, java.nio.file.attribute.PosixFileAttributes.class,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS);
            var open = java.util.EnumSet.of(java.nio.file.attribute.PosixFilePermission.GROUP_WRITE,
                    java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE);
            return attributes.isDirectory() && attributes.owner().getName().equals(System.getProperty("user.name"))
                    && java.util.Collections.disjoint(attributes.permissions(), open);
        } catch (UnsupportedOperationException e) {
            return false; // no POSIX permissions to check: no archive
        }
    }

    private static List<String> jars(String classpath) {
        return GraderClasspath.entries(classpath).stream().filter(SharedClasses::isJar).map(Path::toString).toList();
    }


    private static boolean isJar(Path p) {
        return p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p);
    }

    /** The warm-up class in a jar of its own (an archive takes classes from jars only), named by its content. */
    private static Path warmupJar(Path cache, Class<?> warmup) throws IOException {
        String resource = warmup.getName().replace('.', '/') + ".class";
        byte[] bytes;
        try (InputStream in = warmup.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no " + resource);
            }
            bytes = in.readAllBytes();
        }
        Path jar = cache.resolve(warmup.getSimpleName() + "-" + sha256(bytes).substring(0, 16) + ".jar");
        if (!Files.isRegularFile(jar)) {
            Path tmp = Files.createTempFile(cache, "warmup-", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp); JarOutputStream zip = new JarOutputStream(out)) {
                JarEntry entry = new JarEntry(resource);
                entry.setTime(0);
                zip.putNextEntry(entry);
                zip.write(bytes);
                zip.closeEntry();
            }
            // Readable by all, like the library jars: a sandbox then shows it at its own path (not a copy),
            // which the archive's class path must match.
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            moveIntoPlace(tmp, jar);
        }
        return jar;
    }

    /** What the archive depends on: the JDK, the flags, and every jar (path, size, time). */
    private static String key(String java, List<String> flags, List<String> prefix) throws IOException {
        StringBuilder k = new StringBuilder(java).append('\n').append(System.getProperty("java.home")).append('\n')
                .append(Runtime.version()).append('\n').append(String.join(" ", flags)).append('\n');
        for (String entry : prefix) {
            Path p = Path.of(entry);
            k.append(entry).append(' ').append(Files.size(p)).append(' ').append(Files.getLastModifiedTime(p).toMillis()).append('\n');
        }
        return sha256(k.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 24);
    }

    /** Runs the warm-up in a JVM that writes the archive at its exit; true when it did. */
    private static boolean dump(String java, List<String> flags, List<String> prefix, Class<?> warmup, Path warmupJar, Path archive)
            throws IOException, InterruptedException {
        Path tmp = Files.createTempFile(archive.getParent(), "grading-", ".jsa.tmp");
        Files.delete(tmp); // the JVM creates it
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(flags);
        cmd.add("-Xshare:auto");
        cmd.add("-XX:ArchiveClassesAtExit=" + tmp);
        cmd.add("-Xlog:cds*=off");
        cmd.add("-cp");
        cmd.add(String.join(File.pathSeparator, prefix));
        cmd.add(warmup.getName());
        cmd.add(warmupJar.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        boolean ended = p.waitFor(DUMP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        if (!ended) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        if (!ended || p.exitValue() != 0 || !Files.isRegularFile(tmp) || Files.size(tmp) == 0) {
            Files.deleteIfExists(tmp);
            return false;
        }
        moveIntoPlace(tmp, archive);
        forgetOld(archive.getParent(), warmup.getSimpleName() + "-", archive);
        return true;
    }

    /**
     * Archives of the same warm-up for jars or a JDK not used for a week are deleted (each is 8-20 MB);
     * a recent one stays, since two JDKs may well take turns.
     */
    private static void forgetOld(Path cache, String prefix, Path keep) {
        long weekAgo = System.currentTimeMillis() - Duration.ofDays(7).toMillis();
        try (var files = Files.list(cache)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && p.getFileName().toString().endsWith(".jsa") && !p.equals(keep)).toList()) {
                if (Files.getLastModifiedTime(p).toMillis() < weekAgo) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            // an old archive left behind costs disk space only
        }
    }

    /** Two runs making the same file at once: whichever moves last wins, and both files are whole. */
    private static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
