package lab.grader.selftest;

import java.nio.file.Path;

/** SelfGradeTest's way to a grading run's class paths, for tests in other packages (SharedClassesTest on main). */
public final class SelfGradeTestAccess {
    private SelfGradeTestAccess() {
    }

    public static String graderClasspath() {
        return SelfGradeTest.graderClasspath();
    }

    public static Path classesOf(String module) {
        return SelfGradeTest.classesOf(module);
    }
}
