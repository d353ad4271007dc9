package lab.grader.instructor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lab.grader.i18n.Messages;
import lab.grader.report.ClassroomResults;
import lab.grader.report.GradeReport;
import lab.grader.report.GradescopeResults;
import lab.grader.rubric.CheckSpec;
import lab.grader.rubric.ExerciseSpec;
import lab.grader.rubric.Rubric;
import lab.grader.run.CheckResult;
import lab.grader.run.ExerciseResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The instructor's copy loads its hidden checks; results.json hides them; a bad supplement is refused. */
@org.junit.jupiter.api.Tag(lab.grader.selftest.SideBySide.TAG)
class HiddenChecksTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theInstructorsRubricHasTheHiddenChecksMarkedAndTitled() {
        Rubric rubric = Rubric.load();
        assertTrue(rubric.hasHidden(), "this copy of the kit has hidden checks (grader/src/hidden)");
        ExerciseSpec counter = rubric.select("counter").get(0);
        List<CheckSpec> hidden = counter.checks().stream().filter(CheckSpec::hidden).toList();
        assertEquals(List.of("countersLinearizableLargerBudget", "countersExactManyThreads"), hidden.stream().map(CheckSpec::id).toList());
        for (CheckSpec c : hidden) {
            assertEquals("lab.grader.counter.CounterHiddenChecks", c.classIn(counter));
            assertTrue(Messages.has("check.counter." + c.id()), "hidden titles come from the hidden bundle");
        }
        assertTrue(counter.checks().stream().filter(c -> !c.hidden()).allMatch(c -> c.classIn(counter).equals(counter.checksClass())));
    }

    @Test
    void resultsJsonMarksHiddenChecksHiddenAndEveryReportTitlesThem(@TempDir Path dir) throws Exception {
        ExerciseSpec counter = Rubric.load().select("counter").get(0);
        List<CheckResult> results = counter.checks().stream().map(c -> new CheckResult(c.id(), true, null, null, "", 1)).toList();
        GradeReport report = new GradeReport("test", List.of(new ExerciseResult(counter, results, Map.of(), null, false, "", 1)), 1);
        GradescopeResults.write(report, dir.resolve("results.json"));
        ClassroomResults.write(report, dir.resolve("autograding.json"));
        JsonNode json = JSON.readTree(dir.resolve("results.json").toFile());
        int hidden = 0;
        for (JsonNode t : json.get("tests")) {
            boolean isHidden = t.get("number").asText().startsWith("counter.counters");
            assertEquals(isHidden ? "hidden" : "visible", t.get("visibility").asText(), t.toString());
            if (isHidden) {
                hidden++;
                assertTrue(t.get("name").asText().endsWith("(hidden)"), t.toString());
            }
        }
        assertEquals(2, hidden);
        assertEquals(counter.maxPoints(), json.get("score").asInt());
        JsonNode classroom = JSON.readTree(dir.resolve("autograding.json").toFile());
        assertEquals("pass", classroom.get("status").asText());
        assertEquals(counter.maxPoints(), classroom.get("max_score").asInt());
        int sum = 0;
        for (JsonNode t : classroom.get("tests")) {
            sum += t.get("score").asInt();
        }
        assertEquals(counter.maxPoints(), sum, "GitHub Classroom adds up the tests' scores");
    }

    @Test
    void aSupplementThatDoesNotSayHiddenOrNamesAnUnknownExerciseIsRefused() throws Exception {
        Rubric visible = new Rubric(Rubric.load().exercises().stream()
                .map(e -> e.withChecks(e.checks().stream().filter(c -> !c.hidden()).toList())).toList());
        assertThrows(IllegalStateException.class, () -> visible.withHidden(JSON.readTree(
                "{\"exercises\":[{\"id\":\"counter\",\"checks\":[{\"id\":\"x\",\"points\":1,\"checksClass\":\"a.B\"}]}]}")));
        assertThrows(IllegalStateException.class, () -> visible.withHidden(JSON.readTree(
                "{\"exercises\":[{\"id\":\"nope\",\"checks\":[{\"id\":\"x\",\"points\":1,\"hidden\":true,\"checksClass\":\"a.B\"}]}]}")));
        assertThrows(IllegalStateException.class, () -> visible.withHidden(JSON.readTree(
                "{\"exercises\":[{\"id\":\"counter\",\"checks\":[{\"id\":\"lockSeedCase\",\"points\":1,\"hidden\":true,\"checksClass\":\"a.B\"}]}]}")));
        Rubric merged = visible.withHidden(JSON.readTree(
                "{\"exercises\":[{\"id\":\"counter\",\"checks\":[{\"id\":\"x\",\"points\":4,\"hidden\":true,\"checksClass\":\"a.B\"}]}]}"));
        assertEquals(visible.maxPoints() + 4, merged.maxPoints());
        assertTrue(merged.hasHidden());
    }
}
