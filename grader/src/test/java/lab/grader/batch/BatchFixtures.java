package lab.grader.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A batch output folder as a batch run leaves it: gradebook.csv and the students' folders. */
public final class BatchFixtures {
    public static final String ATTACK = "<script>document.title='owned'</script>";

    private BatchFixtures() {
    }

    /** ana and budi graded (both failed the LockCounter seed case), linked: a folder that is a symbolic link to ana's. */
    public static void write(Path batch) throws Exception {
        List<String> ids = List.of("counter", "pool");
        Map<String, Integer> ana = new LinkedHashMap<>(Map.of("counter", 16, "pool", 16));
        Map<String, Integer> budi = new LinkedHashMap<>(Map.of("counter", 10, "pool", 0));
        Map<String, Integer> linked = new LinkedHashMap<>(Map.of("counter", 20, "pool", 16));
        Gradebook.write(batch.resolve("gradebook.csv"), ids, List.of(
                new StudentOutcome("ana", "ok", ana, 32, 36, 1000, 0, "f1"),
                new StudentOutcome("budi", "ok; timeout", budi, 10, 36, 1000, 0, "f2"),
                new StudentOutcome("linked", "ok", linked, 36, 36, 1000, 0, "f3")));
        student(batch.resolve("ana"), List.of("counter.lockSeedCase"));
        student(batch.resolve("budi"), List.of("counter.lockSeedCase", "pool.fasterThanSequential"));
        Path elsewhere = batch.getParent().resolve(batch.getFileName() + "-elsewhere");
        student(elsewhere, List.of("counter.lockSeedCase", "pool.resultsInInputOrder"));
        Files.createSymbolicLink(batch.resolve("linked"), elsewhere);
    }

    private static void student(Path dir, List<String> failed) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("report.html"), "<!doctype html><title>page</title>", StandardCharsets.UTF_8);
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        ArrayNode tests = root.putArray("tests");
        for (String number : List.of("counter.lockSeedCase", "pool.fasterThanSequential", "pool.resultsInInputOrder")) {
            ObjectNode t = tests.addObject();
            t.put("number", number);
            t.put("name", number.equals("counter.lockSeedCase") ? "counter: LockCounter 2 x 100,000" : number + " " + ATTACK);
            t.put("status", failed.contains(number) ? "failed" : "passed");
            t.put("max_score", 1);
        }
        json.writeValue(dir.resolve("results.json").toFile(), root);
    }
}
