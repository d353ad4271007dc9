package lab.grader.spotbugs;

import edu.umd.cs.findbugs.BugCollectionBugReporter;
import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.BugPattern;
import edu.umd.cs.findbugs.DetectorFactory;
import edu.umd.cs.findbugs.DetectorFactoryCollection;
import edu.umd.cs.findbugs.FieldAnnotation;
import edu.umd.cs.findbugs.FindBugs2;
import edu.umd.cs.findbugs.MethodAnnotation;
import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.Project;
import edu.umd.cs.findbugs.SourceLineAnnotation;
import edu.umd.cs.findbugs.config.UserPreferences;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Runs SpotBugs (the library, in this JVM) over compiled classes with only its
 * multithreaded-correctness detectors, and returns what they found.
 *
 * <p>Why only those: the kit grades concurrency, and every other detector would cost time and say
 * things about style that no check of the kit stands behind. Detectors that report nothing
 * themselves (the first passes that build what the others read) keep SpotBugs' default.
 */
public final class SpotBugsRun {
    /** SpotBugs' category of the detectors the kit runs. */
    static final String CATEGORY = "MT_CORRECTNESS";

    private SpotBugsRun() {
    }

    /**
     * The findings in the class files under {@code classes} (a folder or a single class file), in a
     * stable order (class, line, pattern). Classes it cannot resolve (another library) are skipped
     * quietly: SpotBugs analyses what it can.
     */
    public static List<Finding> analyse(List<Path> classes) throws IOException, InterruptedException {
        Project project = new Project();
        boolean any = false;
        for (Path p : classes) {
            if (Files.exists(p)) {
                project.addFile(p.toAbsolutePath().toString());
                any = true;
            }
        }
        if (!any) {
            return List.of();
        }
        BugCollectionBugReporter reporter = new BugCollectionBugReporter(project) {
            @Override
            public void reportQueuedErrors() {
                // Classes it could not resolve (a test library, another module) are not the student's business.
            }
        };
        reporter.setPriorityThreshold(Priorities.LOW_PRIORITY);
        reporter.setOutputStream(new PrintStream(OutputStream.nullOutputStream()));
        UserPreferences prefs = UserPreferences.createDefaultUserPreferences();
        for (DetectorFactory f : DetectorFactoryCollection.instance().getFactories()) {
            // Off by default means a debugging or slow interprocedural pass: it stays off.
            prefs.enableDetector(f, f.isDefaultEnabled() && (!f.isReportingDetector() || reportsConcurrency(f)));
        }
        FindBugs2 engine = new FindBugs2();
        try {
            engine.setProject(project);
            engine.setBugReporter(reporter);
            engine.setDetectorFactoryCollection(DetectorFactoryCollection.instance());
            engine.setUserPreferences(prefs);
            engine.setNoClassOk(true);
            engine.execute();
        } finally {
            engine.dispose();
        }
        List<Finding> found = new ArrayList<>();
        for (BugInstance bug : reporter.getBugCollection()) {
            if (!CATEGORY.equals(bug.getBugPattern().getCategory())) {
                continue;
            }
            found.add(finding(bug));
        }
        found.sort(Comparator.comparing(Finding::className).thenComparingInt(Finding::line).thenComparing(Finding::pattern));
        return found;
    }

    private static boolean reportsConcurrency(DetectorFactory f) {
        Set<BugPattern> patterns = f.getReportedBugPatterns();
        return patterns.stream().anyMatch(p -> CATEGORY.equals(p.getCategory()));
    }

    private static Finding finding(BugInstance bug) {
        SourceLineAnnotation line = bug.getPrimarySourceLineAnnotation();
        MethodAnnotation method = bug.getPrimaryMethod();
        FieldAnnotation field = bug.getPrimaryField();
        String file = line.getSourceFile();
        return new Finding(bug.getType(), bug.getPrimaryClass().getClassName(), method == null ? "" : method.getMethodName(),
                file == null || file.isBlank() || file.equals(SourceLineAnnotation.UNKNOWN_SOURCE_FILE) ? "?" : file,
                line.getStartLine(), field == null ? "" : field.getFieldName());
    }
}
