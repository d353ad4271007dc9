package lab.grader.spotbugs;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM that {@link SecondOpinion} starts: runs {@link SpotBugsRun} over class folders and writes
 * the findings as JSON. Usage: {@code SpotBugsMain OUT.json FOLDER...}.
 *
 * <p>A JVM of its own, ended before any check runs, so that SpotBugs' classes, heap and JIT work never
 * share a process or cores with a check that measures time.
 */
public final class SpotBugsMain {
    private SpotBugsMain() {
    }

    public static void main(String[] args) throws Exception {
        List<Path> folders = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            folders.add(Path.of(args[i]));
        }
        List<Finding> found = SpotBugsRun.analyse(folders);
        new ObjectMapper().writeValue(Path.of(args[0]).toFile(), found);
        // SpotBugs leaves non-daemon pools behind; the findings are written, so end here.
        System.exit(0);
    }
}
