package lab.grader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import lab.grader.i18n.Messages;

/**
 * The last step of {@code mvn verify}: after every report is written, fail the build (exit 1) when
 * the score is below full marks, so that CI shows red until every check passes.
 */
public final class ScoreGate {
    private ScoreGate() {
    }

    public static void main(String[] args) throws IOException {
        Path results = Path.of(args[0]);
        if (!Files.exists(results)) {
            System.err.println(Messages.get("gate.no-results", results));
            System.exit(1);
        }
        JsonNode json = new ObjectMapper().readTree(results.toFile());
        int score = json.path("score").asInt();
        int max = json.path("max_score").asInt();
        if (score < max) {
            System.err.println(Messages.get("gate.failed", score, max));
            System.exit(1);
        }
        System.out.println(Messages.get("gate.passed", score, max));
    }
}
