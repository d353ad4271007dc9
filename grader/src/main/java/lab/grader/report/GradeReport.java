package lab.grader.report;

import java.util.List;
import lab.grader.i18n.Messages;
import lab.grader.run.CheckResult;
import lab.grader.run.ExerciseResult;

/**
 * A whole grading run, as every report writer sees it: derived from the rubric and the recorded
 * results only.
 *
 * @param graded what was graded ("exercises" or "solutions", or a student's id)
 * @param exercises the graded exercises, in teaching order
 * @param millis the wall time of the run
 * @param notes what the student must know about the whole run (classes refused, whether it was sandboxed)
 * @param machine when, where and on what the run happened (the report page's header)
 */
public record GradeReport(String graded, List<ExerciseResult> exercises, long millis, List<String> notes, Machine machine) {

    public GradeReport {
        exercises = List.copyOf(exercises);
        notes = List.copyOf(notes);
        machine = machine == null ? Machine.UNKNOWN : machine;
    }

    public GradeReport(String graded, List<ExerciseResult> exercises, long millis, List<String> notes) {
        this(graded, exercises, millis, notes, Machine.UNKNOWN);
    }

    public GradeReport(String graded, List<ExerciseResult> exercises, long millis) {
        this(graded, exercises, millis, List.of());
    }

    public int points() {
        return exercises.stream().mapToInt(ExerciseResult::points).sum();
    }

    public int maxPoints() {
        return exercises.stream().mapToInt(e -> e.spec().maxPoints()).sum();
    }

    /** The one-line verdict of an exercise, with its measured figures. */
    public static String verdict(ExerciseResult e) {
        String id = e.spec().id();
        if (e.zeroed() && e.problem() != null) {
            return shorten(firstLine(e.problem()));
        }
        if (e.fullMarks()) {
            Object[] args = e.spec().verdictFigures().stream().map(f -> e.figures().getOrDefault(f, "?")).toArray();
            return Messages.get("verdict." + id + ".pass", args);
        }
        // Ungraded checks (0 points, demos) do not count towards "n of m failed".
        List<CheckResult> graded = e.checks().stream().filter(r -> e.pointsOf(r.id()) > 0).toList();
        List<CheckResult> failed = graded.stream().filter(r -> !e.earned(r)).toList();
        CheckResult first = failed.get(0);
        return shorten(Messages.get("verdict.failed", failed.size(), graded.size(), title(e, first),
                firstLine(first.message() == null ? (e.problem() == null ? "" : e.problem()) : first.message())));
    }

    /** A check's title from the bundle; a hidden check's title says so. */
    public static String title(ExerciseResult e, CheckResult r) {
        String title = Messages.get("check." + e.spec().id() + "." + r.id());
        return e.hidden(r.id()) ? Messages.get("check.hidden-title", title) : title;
    }

    private static final int VERDICT_LENGTH = 160;

    /** A verdict is one line of a table: the full message is in the failed-checks list below it. */
    static String shorten(String text) {
        return text.length() <= VERDICT_LENGTH ? text : text.substring(0, VERDICT_LENGTH - 3) + "...";
    }

    static String firstLine(String text) {
        String t = text.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    /** Seconds with one decimal, for people. */
    static String seconds(long millis) {
        return String.format(Messages.locale(), "%.1f", millis / 1000.0);
    }
}
