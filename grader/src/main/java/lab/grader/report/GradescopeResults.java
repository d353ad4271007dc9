package lab.grader.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import lab.grader.i18n.Messages;
import lab.grader.run.CheckResult;
import lab.grader.run.ExerciseResult;

/**
 * {@code results.json} in Gradescope's results format: score, max_score, execution_time, output and
 * a test per check (name, score, max_score, status, output, tags starting with the exercise id,
 * visibility). An instructor's hidden checks are {@code "visibility": "hidden"}: Gradescope never shows
 * them to students.
 */
public final class GradescopeResults {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private GradescopeResults() {
    }

    public static void write(GradeReport report, Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("score", report.points());
        root.put("max_score", report.maxPoints());
        root.put("execution_time", Math.round(report.millis() / 1000.0));
        StringBuilder overall = new StringBuilder();
        report.notes().forEach(n -> overall.append(n).append('\n'));
        for (ExerciseResult e : report.exercises()) {
            overall.append(e.spec().id()).append(": ").append(e.points()).append('/').append(e.spec().maxPoints())
                    .append(" - ").append(GradeReport.verdict(e)).append('\n');
        }
        root.put("output", overall.toString());
        root.put("visibility", "visible");
        root.put("stdout_visibility", "hidden");
        ArrayNode tests = root.putArray("tests");
        for (ExerciseResult e : report.exercises()) {
            for (CheckResult r : e.checks()) {
                ObjectNode t = tests.addObject();
                boolean earned = e.earned(r);
                t.put("name", e.spec().id() + ": " + GradeReport.title(e, r));
                t.put("name_format", "text");
                t.put("number", e.spec().id() + "." + r.id());
                t.put("score", earned ? e.pointsOf(r.id()) : 0);
                t.put("max_score", e.pointsOf(r.id()));
                t.put("status", earned ? "passed" : "failed");
                String why = earned ? Messages.get("json.passed") : (r.passed() ? e.problem() : r.message());
                String output = why == null ? "" : why;
                if (!r.output().isBlank()) {
                    output += "\n\n" + Messages.get("console.printed") + "\n" + r.output();
                }
                t.put("output", output);
                t.put("output_format", "text");
                ArrayNode tags = t.putArray("tags");
                tags.add(e.spec().id());
                if (r.key() != null) {
                    tags.add(r.key());
                }
                t.put("visibility", e.hidden(r.id()) ? "hidden" : "visible");
            }
        }
        JSON.writeValue(file.toFile(), root);
    }
}
