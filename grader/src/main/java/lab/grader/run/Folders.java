package lab.grader.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deleting the grader's temporary folders: a grading JVM's working folder, a batch submission's build. */
public final class Folders {
    private Folders() {
    }

    /** Deletes a folder and everything in it; nothing when it does not exist. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** As {@link #deleteTree}, ignoring failures (a temporary folder left behind is not worth failing for). */
    public static void deleteQuietly(Path dir) {
        try {
            deleteTree(dir);
        } catch (IOException | RuntimeException e) {
            // left behind
        }
    }
}
