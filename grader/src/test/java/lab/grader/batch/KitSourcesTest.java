package lab.grader.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The batch grader keeps the kit's given classes: it must find exactly the files that exercises/ and solutions/ share. */
@org.junit.jupiter.api.Tag(lab.grader.selftest.SideBySide.TAG)
class KitSourcesTest {
    @Test
    void theGivenClassesAreExactlyTheFilesExercisesAndSolutionsShare() throws Exception {
        Path root = SubmissionTest.ROOT;
        KitSources kit = KitSources.of(root);
        Set<String> identical = new TreeSet<>();
        for (Map.Entry<String, Path> e : kit.files().entrySet()) {
            Path solution = root.resolve("solutions/src/main/java").resolve(e.getKey());
            if (Files.exists(solution) && Arrays.equals(Files.readAllBytes(solution), Files.readAllBytes(e.getValue()))) {
                identical.add(e.getKey());
            }
        }
        assertEquals(identical, new TreeSet<>(kit.given()));
        assertTrue(kit.given().contains("lab/counter/Counter.java"));
        assertTrue(kit.packages().contains("lab.counter"));
    }
}
