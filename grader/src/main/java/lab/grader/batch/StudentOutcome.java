package lab.grader.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One student's row of the gradebook, also kept as {@code batch.json} in the student's folder so that
 * a later run can skip a student already graded.
 *
 * @param student the student id (the submission folder's name)
 * @param status {@code ok}, {@code compile error}, {@code compile timeout}, {@code compile out of memory},
 *        {@code timeout}, {@code no sources} or {@code error} (several joined with "; ")
 * @param points points by exercise id
 * @param total the points earned
 * @param max the points possible
 * @param millis how long grading took, waiting for the machine included
 * @param waitMillis how long of that it waited for cores (other submissions graded at the same time)
 * @param fingerprint the submission's sources and the checks they met (see {@link Submission#fingerprint})
 * @param originalId the submission folder's own name when it was not a safe student id (see {@code StudentIds}), else ""
 */
public record StudentOutcome(String student, String status, Map<String, Integer> points, int total, int max, long millis,
        long waitMillis, String fingerprint, String originalId) {
    static final String FILE = "batch.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public StudentOutcome {
        points = new LinkedHashMap<>(points);
        originalId = originalId == null ? "" : originalId;
    }

    public StudentOutcome(String student, String status, Map<String, Integer> points, int total, int max, long millis,
            long waitMillis, String fingerprint) {
        this(student, status, points, total, max, millis, waitMillis, fingerprint, "");
    }

    /** This row with the original folder name of this run (null or "" when the id is the folder's name). */
    StudentOutcome withOriginalId(String original) {
        return new StudentOutcome(student, status, points, total, max, millis, waitMillis, fingerprint, original);
    }

    void save(Path studentDir) throws IOException {
        JSON.writeValue(studentDir.resolve(FILE).toFile(), this);
    }

    /** The outcome a previous run left in the student's folder, or null. */
    static StudentOutcome load(Path studentDir) {
        Path file = studentDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JSON.readValue(file.toFile(), StudentOutcome.class);
        } catch (IOException e) {
            return null; // unreadable: grade again
        }
    }
}
