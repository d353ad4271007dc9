package lab.grader.batch;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code gradebook.csv}: a row per student with the points of each exercise, the total, the grading
 * status ({@code ok}, {@code compile error}, {@code compile timeout}, {@code timeout}, {@code no sources},
 * {@code error}) and, for a student whose folder name was not a safe id, that name ({@code original_id}).
 *
 * <p>Text cells are data a spreadsheet must not run: one that starts with {@code = + - @}, a tab or a
 * carriage return gets a leading {@code '} (as spreadsheets themselves mark text), and line breaks
 * become spaces, so a line-based reader sees one line a student. Numbers stay numbers.
 */
public final class Gradebook {
    /** What Java, Python's splitlines and spreadsheets take for the end of a line. */
    private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n\\u000B\\u000C\\u001C-\\u001E\\u0085\\u2028\\u2029]");

    private Gradebook() {
    }

    /** What {@code gradebook.csv} holds of a student: the cells of one row. */
    public record Row(String student, Map<String, Integer> points, int total, String status, String originalId) {
        static Row of(StudentOutcome o) {
            return new Row(o.student(), o.points(), o.total(), o.status(), o.originalId());
        }
    }

    /** Writes the rows (sorted by the caller), replacing the file atomically so a reader never sees half of it. */
    public static void write(Path file, List<String> exerciseIds, List<StudentOutcome> rows) throws IOException {
        writeRows(file, exerciseIds, rows.stream().map(Row::of).toList());
    }

    /** The columns of a gradebook that grades these exercises, in order. */
    static List<String> columns(List<String> exerciseIds) {
        List<String> columns = new ArrayList<>();
        columns.add("student");
        columns.addAll(exerciseIds);
        columns.addAll(List.of("total", "status", "original_id"));
        return columns;
    }

    /**
     * As {@link #write}, from rows already in gradebook form (a merge of shards' gradebooks): every text
     * cell made safe again here, so a row read from a file that someone edited is written as safely as
     * one just graded, and one already safe is written unchanged.
     */
    public static synchronized void writeRows(Path file, List<String> exerciseIds, List<Row> rows) throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder().addColumn("student");
        for (String id : exerciseIds) {
            schema.addColumn(id, CsvSchema.ColumnType.NUMBER);
        }
        schema.addColumn("total", CsvSchema.ColumnType.NUMBER).addColumn("status").addColumn("original_id");
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.createDirectories(file.getParent());
        try (SequenceWriter out = new CsvMapper().writer(schema.setUseHeader(true).build()).writeValues(tmp.toFile())) {
            for (Row row : rows) {
                List<Object> values = new ArrayList<>();
                values.add(cell(row.student()));
                for (String id : exerciseIds) {
                    Integer points = row.points().get(id);
                    values.add(points == null ? "" : points);
                }
                values.add(row.total());
                values.add(cell(row.status()));
                values.add(cell(row.originalId()));
                out.write(values);
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A text cell that a spreadsheet shows as text and a line-based reader as one line. */
    static String cell(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        char first = text.charAt(0);
        String safe = "=+-@\t\r".indexOf(first) >= 0 ? "'" + text : text;
        return LINE_BREAKS.matcher(safe.replace("\r\n", " ")).replaceAll(" ");
    }

    /**
     * Reads a gradebook as it is, header first: a list of cells per line (a merge checks the header
     * itself, which {@link #read} cannot show for a gradebook without rows).
     */
    static List<List<String>> readCells(Path file) throws IOException {
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (MappingIterator<List<String>> it = mapper.readerForListOf(String.class).readValues(file.toFile())) {
            return it.readAll();
        }
    }

    /** Reads a gradebook back (for tests and tools): a map per row, by column name. */
    public static List<Map<String, String>> read(Path file) throws IOException {
        CsvMapper mapper = new CsvMapper();
        try (var it = mapper.readerFor(Map.class).with(CsvSchema.emptySchema().withHeader()).<Map<String, String>>readValues(file.toFile())) {
            return it.readAll();
        }
    }
}
