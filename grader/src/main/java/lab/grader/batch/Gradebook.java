package lab.grader.batch;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code gradebook.csv}: a row per student with the points of each exercise, the total and the
 * grading status ({@code ok}, {@code compile error}, {@code timeout}, {@code no sources}, {@code error}).
 */
public final class Gradebook {
    private Gradebook() {
    }

    /** Writes the rows (sorted by the caller), replacing the file atomically so a reader never sees half of it. */
    public static synchronized void write(Path file, List<String> exerciseIds, List<StudentOutcome> rows) throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder().addColumn("student");
        for (String id : exerciseIds) {
            schema.addColumn(id, CsvSchema.ColumnType.NUMBER);
        }
        schema.addColumn("total", CsvSchema.ColumnType.NUMBER).addColumn("status");
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.createDirectories(file.getParent());
        try (SequenceWriter out = new CsvMapper().writer(schema.setUseHeader(true).build()).writeValues(tmp.toFile())) {
            for (StudentOutcome row : rows) {
                List<Object> values = new ArrayList<>();
                values.add(row.student());
                for (String id : exerciseIds) {
                    Integer points = row.points().get(id);
                    values.add(points == null ? "" : points);
                }
                values.add(row.total());
                values.add(row.status());
                out.write(values);
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads a gradebook back (for tests and tools): a map per row, by column name. */
    public static List<Map<String, String>> read(Path file) throws IOException {
        CsvMapper mapper = new CsvMapper();
        try (var it = mapper.readerFor(Map.class).with(CsvSchema.emptySchema().withHeader()).<Map<String, String>>readValues(file.toFile())) {
            return it.readAll();
        }
    }
}
