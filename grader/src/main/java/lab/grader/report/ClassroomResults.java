package lab.grader.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import lab.grader.run.CheckResult;
import lab.grader.run.ExerciseResult;

/**
 * {@code autograding.json}: the results in the form GitHub Classroom's autograding reporter
 * ({@code classroom-resources/autograding-grading-reporter}) reads from a runner: {@code version},
 * {@code status} (pass/fail), {@code max_score} and {@code tests[]} with {@code name}, {@code status},
 * {@code score}, {@code message}. The workflow passes it base64-encoded through a step output named
 * {@code result}; the reporter adds up the tests' scores and the runner's {@code max_score}.
 */
public final class ClassroomResults {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Step outputs are small: a failure's message is cut here (the full text is in the other reports). */
    static final int MESSAGE_LIMIT = 1000;

    private ClassroomResults() {
    }

    public static void write(GradeReport report, Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        root.put("status", report.points() == report.maxPoints() ? "pass" : "fail");
        root.put("max_score", report.maxPoints());
        ArrayNode tests = root.putArray("tests");
        for (ExerciseResult e : report.exercises()) {
            for (CheckResult r : e.checks()) {
                boolean earned = e.earned(r);
                ObjectNode t = tests.addObject();
                t.put("name", e.spec().id() + ": " + GradeReport.title(e, r));
                t.put("status", earned ? "pass" : "fail");
                t.put("score", earned ? e.pointsOf(r.id()) : 0);
                String why = earned ? "" : (r.passed() ? e.problem() : r.message());
                why = why == null ? "" : why.strip();
                t.put("message", why.length() <= MESSAGE_LIMIT ? why : why.substring(0, MESSAGE_LIMIT - 3) + "...");
                t.put("test_code", "");
                t.put("filename", "");
                t.put("line_no", 0);
                t.put("duration", r.millis());
            }
        }
        JSON.writeValue(file.toFile(), root);
    }
}
