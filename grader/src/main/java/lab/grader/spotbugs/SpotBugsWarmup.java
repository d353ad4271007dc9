package lab.grader.spotbugs;

import com.fasterxml.jackson.databind.ObjectMapper;
import edu.umd.cs.findbugs.BugCollectionBugReporter;
import edu.umd.cs.findbugs.DetectorFactoryCollection;
import edu.umd.cs.findbugs.FindBugs2;
import edu.umd.cs.findbugs.Project;
import edu.umd.cs.findbugs.config.UserPreferences;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * What SpotBugs' JVM ({@link SpotBugsMain}) does, done once over this class's own jar to record the
 * classes it loads (lab.grader.run.SharedClasses): SpotBugs loads its detectors and analyses a class,
 * and the findings are written as JSON. It never runs when SpotBugs grades. One class, no nested ones:
 * it is copied alone into the archive's jar. Usage: {@code SpotBugsWarmup JAR}.
 */
public final class SpotBugsWarmup {
    private SpotBugsWarmup() {
    }

    public static void main(String[] args) throws Exception {
        Project project = new Project();
        project.addFile(args[0]);
        BugCollectionBugReporter reporter = new BugCollectionBugReporter(project);
        reporter.setOutputStream(new PrintStream(OutputStream.nullOutputStream()));
        FindBugs2 engine = new FindBugs2();
        engine.setProject(project);
        engine.setBugReporter(reporter);
        engine.setDetectorFactoryCollection(DetectorFactoryCollection.instance());
        engine.setUserPreferences(UserPreferences.createDefaultUserPreferences());
        engine.setNoClassOk(true);
        engine.execute();
        engine.dispose();
        new ObjectMapper().writeValueAsString(List.of(reporter.getBugCollection().getCollection().size()));
        System.exit(0); // SpotBugs leaves non-daemon pools behind
    }
}
