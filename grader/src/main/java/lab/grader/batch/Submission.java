package lab.grader.batch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import lab.grader.i18n.Messages;

/**
 * A student's source files, taken from whatever was handed in: a student-edition repository (only its
 * {@code exercises/src/main/java}), a source tree, or loose {@code .java} files. Each file is placed by
 * its package declaration, so where it sat does not matter. Tests, poms, CI files and anything else
 * are never read: grading uses the instructor's own kit.
 *
 * @param folder the submission's folder
 * @param sources the student's files that are graded, by path under the source root
 * @param notes what was ignored, and why (for the student's report)
 */
public record Submission(Path folder, Map<String, String> sources, List<String> notes) {
    /** Larger files are not source code a student wrote for these exercises. */
    static final long MAX_FILE_BYTES = 512 * 1024;
    private static final List<String> SKIPPED_DIRS = List.of(".git", "target", "__MACOSX", "node_modules", ".idea", ".gradle", "build");

    /**
     * Collects the student's sources from {@code folder}, against the kit's exercise sources. Symbolic
     * links are never followed: a linked file or folder (to a reference solution, a classmate's file,
     * anything of the machine's) counts as missing, and the notes name it.
     */
    public static Submission collect(Path folder, KitSources kit) throws IOException {
        List<String> notes = new ArrayList<>();
        if (Files.isSymbolicLink(folder) || !Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            notes.add(Messages.get("batch.ignored.symlink", String.valueOf(folder.getFileName())));
            return new Submission(folder, Map.of(), notes);
        }
        Path base = studentEditionSources(folder);
        List<Path> candidates = new ArrayList<>();
        // Files.walk does not follow links (no FOLLOW_LINKS): a linked folder is listed, not entered.
        try (Stream<Path> walk = Files.walk(base == null ? folder : base)) {
            for (Path p : walk.sorted(Comparator.comparing(Path::toString)).toList()) {
                if (p.equals(folder) || skipped(folder, p)) {
                    continue;
                }
                BasicFileAttributes attributes = attributes(p);
                if (attributes == null) {
                    continue; // gone since it was listed
                }
                if (attributes.isSymbolicLink()) {
                    notes.add(Messages.get("batch.ignored.symlink", shown(folder, p)));
                } else if (attributes.isRegularFile() && p.getFileName().toString().endsWith(".java")) {
                    candidates.add(p);
                }
            }
        }
        Map<String, List<Candidate>> byTarget = new TreeMap<>();
        for (Path p : candidates) {
            String shown = shown(folder, p);
            String name = p.getFileName().toString();
            if (name.equals("module-info.java")) {
                notes.add(Messages.get("batch.ignored.module-info", shown));
                continue;
            }
            byte[] bytes;
            try {
                bytes = readNoFollow(p);
            } catch (NoSuchFileException e) {
                continue; // gone since it was listed
            } catch (FileSystemException e) {
                if (e.getClass() != FileSystemException.class) {
                    throw e; // access denied, say: the grader's problem, not the student's
                }
                // Made a link since it was listed: opening it with O_NOFOLLOW fails (ELOOP).
                notes.add(Messages.get("batch.ignored.symlink", shown));
                continue;
            }
            if (bytes == null) {
                notes.add(Messages.get("batch.ignored.too-large", shown, MAX_FILE_BYTES / 1024));
                continue;
            }
            String text = decode(bytes);
            String pkg = packageOf(text);
            if (pkg == null) {
                notes.add(Messages.get("batch.ignored.no-package", shown));
                continue;
            }
            if (!kit.packages().contains(pkg)) {
                notes.add(Messages.get("batch.ignored.package", shown, pkg));
                continue;
            }
            String target = pkg.replace('.', '/') + "/" + name;
            if (kit.given().contains(target)) {
                notes.add(Messages.get("batch.ignored.given", shown, target));
                continue;
            }
            byTarget.computeIfAbsent(target, k -> new ArrayList<>()).add(new Candidate(p, shown, text));
        }
        Map<String, String> sources = new LinkedHashMap<>();
        for (Map.Entry<String, List<Candidate>> e : byTarget.entrySet()) {
            String target = e.getKey();
            List<Candidate> found = new ArrayList<>(e.getValue());
            // Two files for one class: the one whose folders match its package wins, then the shallowest.
            found.sort(Comparator.comparing((Candidate c) -> !c.shown.endsWith(target))
                    .thenComparing(c -> c.shown.split("/").length).thenComparing(c -> c.shown));
            sources.put(target, found.get(0).text);
            for (Candidate other : found.subList(1, found.size())) {
                notes.add(Messages.get("batch.ignored.duplicate", other.shown, found.get(0).shown));
            }
        }
        return new Submission(folder, sources, notes);
    }

    private record Candidate(Path path, String shown, String text) {
    }

    /** How a file is named in the notes: its path in the submission, with / and without control characters. */
    private static String shown(Path folder, Path p) {
        return StudentIds.printable(folder.relativize(p).toString().replace('\\', '/'));
    }

    /** The file's own attributes (a link's, not its target's), or null when it is gone. */
    private static BasicFileAttributes attributes(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The {@code exercises/src/main/java} of a student-edition repository in the folder (or one or two
     * levels down), or null. Only real folders count, each of its parts included: a linked one is not entered.
     */
    static Path studentEditionSources(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder, 6)) {
            return walk.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> p.endsWith(Path.of("exercises", "src", "main", "java")))
                    .filter(p -> !skipped(folder, p))
                    .min(Comparator.comparingInt(Path::getNameCount)).orElse(null);
        }
    }

    private static boolean skipped(Path folder, Path p) {
        for (Path part : folder.relativize(p)) {
            if (SKIPPED_DIRS.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The package a source declares, as javac reads it (Unicode escapes are translated before anything
     * else, so a regular expression can be fooled: {@code \\u002f\\u002a} opens a comment), or null when it
     * has none or does not parse. Parsing runs no code and takes time in proportion to the file's size.
     */
    static String packageOf(String source) {
        javax.tools.JavaCompiler javac = javax.tools.ToolProvider.getSystemJavaCompiler();
        javax.tools.JavaFileObject file = new javax.tools.SimpleJavaFileObject(java.net.URI.create("string:///Source.java"),
                javax.tools.JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        try {
            com.sun.source.util.JavacTask task = (com.sun.source.util.JavacTask) javac.getTask(java.io.Writer.nullWriter(), null,
                    d -> { }, List.of("-proc:none"), null, List.of(file));
            for (com.sun.source.tree.CompilationUnitTree unit : task.parse()) {
                return unit.getPackageName() == null ? null : unit.getPackageName().toString();
            }
            return null;
        } catch (IOException | RuntimeException | StackOverflowError e) {
            return null; // unparseable: not placed, and the notes say it has no package
        }
    }

    /**
     * The file's bytes, or null when it is larger than {@link #MAX_FILE_BYTES}. Opened without following
     * a link ({@code O_NOFOLLOW}: a file made a link after it was listed fails to open), and read only
     * up to the limit, whatever size it had when it was listed.
     */
    static byte[] readNoFollow(Path p) throws IOException {
        try (SeekableByteChannel in = Files.newByteChannel(p, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buffer = ByteBuffer.allocate((int) MAX_FILE_BYTES + 1);
            while (buffer.hasRemaining() && in.read(buffer) >= 0) {
                // until the end or one byte past the limit
            }
            if (!buffer.hasRemaining()) {
                return null;
            }
            byte[] bytes = new byte[buffer.position()];
            buffer.flip().get(bytes);
            return bytes;
        }
    }

    /** UTF-8, or Latin-1 for a file saved by an editor that does not use UTF-8. */
    static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    /** True when nothing gradable was found. */
    public boolean empty() {
        return sources.isEmpty();
    }

    /**
     * What identifies this grading: the student's sources and the checks they meet. A student whose
     * fingerprint is unchanged since the last batch run is not graded again unless asked.
     */
    public String fingerprint(String checks) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, String> e : new TreeMap<>(sources).entrySet()) {
                sha.update((e.getKey() + "\n" + e.getValue() + "\n\0").getBytes(StandardCharsets.UTF_8));
            }
            sha.update(checks.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
