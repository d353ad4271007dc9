package lab.grader.batch;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import lab.grader.i18n.Messages;
import lab.grader.rubric.Rubric;
import lab.grader.run.Folders;

/**
 * {@code mvn -Pbatch-merge verify -Dshards=DIR}: puts the shards of a class back together. Every folder
 * of DIR is one shard's {@code target/batch} (a CI artifact); the merge writes one batch output folder
 * that holds what an unsharded run of the same submissions writes: {@code gradebook.csv} with the same
 * rows in the same order, every student's folder, {@code shard.json} (1 of 1) and the class overview.
 *
 * <p>Shard folders are untrusted input (anyone who can change an artifact can change them): symbolic
 * links are never followed or copied, only folders of students named in the shard's own gradebook are
 * copied and their names must be safe student ids, numbers must be numbers, and text cells are made
 * safe again as the gradebook writer makes them. Nothing is written unless every shard checks out: a
 * missing shard, one given twice, shards of different splits or of different exercises, a student in
 * two shards, a shard whose run did not finish, a folder that is not a batch output: each is reported,
 * and the merge stops.
 */
public final class ShardMerge {
    /** Far above a class of thousands: a larger gradebook is not the grader's. */
    static final long MAX_GRADEBOOK_BYTES = 16 << 20;
    private static final Pattern POINTS = Pattern.compile("\\d{1,6}");
    private static final int LISTED = 10;

    /** One shard folder, read. */
    private record Part(String name, Path dir, ShardFile file, List<Gradebook.Row> rows) {
    }

    private final List<String> problems = new ArrayList<>();
    private final Set<String> kitExercises;
    private int shardCount;
    private int studentCount;

    ShardMerge(Set<String> kitExercises) {
        this.kitExercises = kitExercises;
    }

    /** A merge against this kit's exercises. */
    public static ShardMerge forKit() {
        return new ShardMerge(new HashSet<>(Rubric.load().ids()));
    }

    /**
     * Merges every shard folder of {@code shards} into {@code out} (emptied first). Returns the problems
     * found, one line each; when there is any, nothing was written.
     */
    public List<String> merge(Path shards, Path out) throws IOException {
        problems.clear();
        if (shards.toString().isBlank() || !Files.isDirectory(shards)) {
            return List.of(Messages.get("batch.merge.no-shards", shards));
        }
        Path from = shards.toRealPath();
        Path to = out.toAbsolutePath().normalize();
        if (Files.exists(to)) {
            to = to.toRealPath();
        }
        if (from.startsWith(to) || to.startsWith(from)) {
            return List.of(Messages.get("batch.merge.overlap", shards, out));
        }
        List<Part> parts = read(shards);
        if (parts.isEmpty() && problems.isEmpty()) {
            problems.add(Messages.get("batch.merge.empty", shards));
        }
        if (!problems.isEmpty()) {
            return List.copyOf(problems);
        }
        check(parts);
        if (!problems.isEmpty()) {
            return List.copyOf(problems);
        }
        write(parts, out);
        return List.of();
    }

    /** Every folder of {@code shards}, read (hidden entries passed over, as in a submissions folder). */
    private List<Part> read(Path shards) throws IOException {
        List<Path> entries;
        try (Stream<Path> list = Files.list(shards)) {
            entries = list.filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
        List<Part> parts = new ArrayList<>();
        for (Path dir : entries) {
            String name = StudentIds.printable(dir.getFileName().toString());
            if (Files.isSymbolicLink(dir)) {
                problems.add(Messages.get("batch.merge.symlink", name));
            } else if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                problems.add(Messages.get("batch.merge.not-folder", name));
            } else if (!Files.isRegularFile(dir.resolve(ShardFile.NAME), LinkOption.NOFOLLOW_LINKS)) {
                problems.add(Messages.get("batch.merge.no-shard-file", name));
            } else if (!Files.isRegularFile(dir.resolve("gradebook.csv"), LinkOption.NOFOLLOW_LINKS)) {
                problems.add(Messages.get("batch.merge.no-gradebook", name));
            } else if (Files.size(dir.resolve(ShardFile.NAME)) > ShardFile.MAX_BYTES) {
                problems.add(Messages.get("batch.merge.too-large", name, ShardFile.NAME, ShardFile.MAX_BYTES >> 20));
            } else {
                ShardFile file;
                try {
                    file = ShardFile.read(dir);
                } catch (IOException e) {
                    problems.add(Messages.get("batch.merge.bad-shard-file", name, e.getMessage()));
                    continue;
                }
                List<Gradebook.Row> rows = rows(name, dir.resolve("gradebook.csv"), file);
                if (rows != null) {
                    parts.add(new Part(name, dir, file, rows));
                }
            }
        }
        return parts;
    }

    /** The rows of a shard's gradebook, checked cell by cell; null (and problems) when it is not the grader's. */
    private List<Gradebook.Row> rows(String name, Path csv, ShardFile file) throws IOException {
        for (String exercise : file.exercises()) {
            if (!kitExercises.contains(exercise)) {
                problems.add(Messages.get("batch.merge.bad-exercise", name, StudentIds.printable(exercise)));
                return null;
            }
        }
        if (Files.size(csv) > MAX_GRADEBOOK_BYTES) {
            problems.add(Messages.get("batch.merge.too-large", name, "gradebook.csv", MAX_GRADEBOOK_BYTES >> 20));
            return null;
        }
        List<List<String>> cells;
        try {
            cells = Gradebook.readCells(csv);
        } catch (IOException | RuntimeException e) {
            problems.add(Messages.get("batch.merge.bad-gradebook", name,
                    StudentIds.printable(String.valueOf(e.getMessage()).lines().findFirst().orElse(""))));
            return null;
        }
        List<String> columns = Gradebook.columns(file.exercises());
        if (cells.isEmpty() || !cells.get(0).equals(columns)) {
            problems.add(Messages.get("batch.merge.bad-columns", name,
                    cells.isEmpty() ? "-" : StudentIds.printable(String.join(", ", cells.get(0))), String.join(", ", columns)));
            return null;
        }
        List<Gradebook.Row> rows = new ArrayList<>();
        int before = problems.size();
        for (List<String> line : cells.subList(1, cells.size())) {
            if (line.size() != columns.size()) {
                problems.add(Messages.get("batch.merge.bad-row", name, line.size(), columns.size()));
                continue;
            }
            String student = line.get(0);
            if (!StudentIds.safe(student)) {
                problems.add(Messages.get("batch.merge.bad-student", name, StudentIds.printable(student)));
                continue;
            }
            Map<String, Integer> points = new LinkedHashMap<>();
            for (int i = 0; i < file.exercises().size(); i++) {
                String cell = line.get(i + 1);
                if (!cell.isEmpty() && !POINTS.matcher(cell).matches()) {
                    problems.add(Messages.get("batch.merge.bad-cell", name, student, StudentIds.printable(cell)));
                } else if (!cell.isEmpty()) {
                    points.put(file.exercises().get(i), Integer.parseInt(cell));
                }
            }
            String total = line.get(columns.size() - 3);
            if (!POINTS.matcher(total).matches()) {
                problems.add(Messages.get("batch.merge.bad-cell", name, student, StudentIds.printable(total)));
                continue;
            }
            rows.add(new Gradebook.Row(student, points, Integer.parseInt(total), line.get(columns.size() - 2), line.get(columns.size() - 1)));
        }
        return problems.size() == before ? rows : null;
    }

    /** Every check across shards: one split, every shard once, the same exercises, every student once and complete. */
    private void check(List<Part> parts) throws IOException {
        Part first = parts.get(0);
        int n = first.file().of();
        for (Part p : parts) {
            if (p.file().of() != n) {
                problems.add(Messages.get("batch.merge.count-mismatch", p.name(), p.file().shard(), p.file().of(), first.name(),
                        first.file().shard(), n));
            }
            if (!p.file().exercises().equals(first.file().exercises())) {
                problems.add(Messages.get("batch.merge.exercises-mismatch", p.name(), String.join(", ", p.file().exercises()),
                        first.name(), String.join(", ", first.file().exercises())));
            }
        }
        if (!problems.isEmpty()) {
            return;
        }
        Map<Integer, Part> byShard = new TreeMap<>();
        for (Part p : parts) {
            Part other = byShard.putIfAbsent(p.file().shard(), p);
            if (other != null) {
                problems.add(Messages.get("batch.merge.shard-twice", p.file().slice(), other.name(), p.name()));
            }
        }
        for (int k = 1; k <= n; k++) {
            if (!byShard.containsKey(k)) {
                problems.add(Messages.get("batch.merge.shard-missing", k, n));
            }
        }
        // Without case, as the batch grader tells ids apart: the merged folder may be on a file system that does not.
        Map<String, Part> seen = new HashMap<>();
        for (Part p : parts) {
            Set<String> listed = new HashSet<>(p.file().students());
            Set<String> inRows = new HashSet<>();
            for (Gradebook.Row row : p.rows()) {
                inRows.add(row.student());
                Part other = seen.putIfAbsent(row.student().toLowerCase(Locale.ROOT), p);
                if (other != null) {
                    problems.add(Messages.get("batch.merge.student-twice", row.student(), other.name(), p.name()));
                }
                if (!listed.contains(row.student())) {
                    problems.add(Messages.get("batch.merge.not-listed", p.name(), row.student()));
                }
                // A student graded under the folder's own name can be placed again; a mapped id (original_id
                // set) cannot, as the gradebook keeps the folder's name only as a spreadsheet-safe cell.
                if (row.originalId().isEmpty() && Shard.of(row.student(), n) != p.file().shard()) {
                    problems.add(Messages.get("batch.merge.wrong-shard", p.name(), row.student(), Shard.of(row.student(), n), n,
                            p.file().shard()));
                }
                Path folder = p.dir().resolve(row.student());
                if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                    problems.add(Messages.get("batch.merge.no-student-folder", p.name(), row.student()));
                } else {
                    checkTree(p.name(), p.dir(), folder);
                }
            }
            List<String> ungraded = p.file().students().stream().filter(s -> !inRows.contains(s)).toList();
            if (!ungraded.isEmpty()) {
                problems.add(Messages.get("batch.merge.not-graded", p.name(), ungraded.size(), p.file().students().size(),
                        StudentIds.printable(String.join(", ", ungraded.subList(0, Math.min(LISTED, ungraded.size())))
                                + (ungraded.size() > LISTED ? ", ..." : ""))));
            }
        }
    }

    /** A problem for every symbolic link or special file in a student's folder: the grader writes neither. */
    private void checkTree(String name, Path shardDir, Path folder) throws IOException {
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (!attrs.isRegularFile() && !attrs.isDirectory()) {
                    problems.add(Messages.get("batch.merge.not-copied", name, StudentIds.printable(shardDir.relativize(file).toString())));
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** The merged batch output: the students' folders, then the gradebook, shard.json and the class overview. */
    private void write(List<Part> parts, Path out) throws IOException {
        Folders.deleteTree(out);
        Files.createDirectories(out);
        // Sorted as the batch grader sorts its rows (a TreeMap of ids), so the merged gradebook is the unsharded one.
        Map<String, Gradebook.Row> rows = new TreeMap<>();
        for (Part p : parts) {
            for (Gradebook.Row row : p.rows()) {
                copyTree(p.dir().resolve(row.student()), out.resolve(row.student()));
                rows.put(row.student(), row);
            }
        }
        List<String> exercises = parts.get(0).file().exercises();
        Gradebook.writeRows(out.resolve("gradebook.csv"), exercises, List.copyOf(rows.values()));
        new ShardFile(Shard.ALL.index(), Shard.ALL.count(), exercises, List.copyOf(rows.keySet())).write(out);
        writeOverview(out);
        shardCount = parts.size();
        studentCount = rows.size();
    }

    /** How many shards the last merge merged. */
    int shardCount() {
        return shardCount;
    }

    /** How many students the last merge's gradebook has. */
    int studentCount() {
        return studentCount;
    }

    /** Copies real folders and regular files only: a link is never followed, nor copied as a link. */
    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), LinkOption.NOFOLLOW_LINKS);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * The class overview ({@code index.html} beside {@code gradebook.csv}) is written here, from the merged
     * gradebook and the students' saved results, as a batch run writes it for its own output.
     */
    static void writeOverview(Path batchDir) throws IOException {
        ClassOverview.write(batchDir);
    }
}
