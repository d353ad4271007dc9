package lab.grader.report;

import java.io.PrintStream;
import lab.grader.i18n.Messages;
import lab.grader.run.CheckResult;
import lab.grader.run.ExerciseResult;

/**
 * The table a student reads after {@code mvn verify}: a row per exercise (points, verdict with its
 * figure), then every failed check with its message. Plain text; colour only on a terminal and
 * never with NO_COLOR set.
 */
public final class ConsoleReport {
    private final boolean colour;

    public ConsoleReport(boolean colour) {
        this.colour = colour;
    }

    /** Colour when a terminal is attached, NO_COLOR is unset and TERM is not dumb. */
    public static boolean colourWanted() {
        String noColor = System.getenv("NO_COLOR");
        return System.console() != null && (noColor == null || noColor.isEmpty()) && !"dumb".equals(System.getenv("TERM"));
    }

    public void print(GradeReport report, PrintStream out) {
        print(report, out, null);
    }

    /**
     * The table, the failed checks, the reports' paths and, last, the report page as a {@code file://}
     * link (terminals open it with a click; null: no page was written).
     */
    public void print(GradeReport report, PrintStream out, java.nio.file.Path page) {
        out.println();
        out.println(bold(Messages.get("console.title", report.graded())));
        out.println(String.format("%-10s %-8s %s", Messages.get("console.col.exercise"), Messages.get("console.col.points"),
                Messages.get("console.col.verdict")));
        for (ExerciseResult e : report.exercises()) {
            String points = e.points() + "/" + e.spec().maxPoints();
            out.println(String.format("%-10s %-8s %s", e.spec().id(), paint(points, e.fullMarks()), GradeReport.verdict(e)));
        }
        out.println(String.format("%-10s %-8s %s", Messages.get("console.total"),
                bold(report.points() + "/" + report.maxPoints()), Messages.get("console.time", GradeReport.seconds(report.millis()))));
        report.notes().forEach(n -> out.println(n));

        boolean header = false;
        for (ExerciseResult e : report.exercises()) {
            for (CheckResult r : e.checks()) {
                if (e.earned(r)) {
                    continue;
                }
                if (!header) {
                    out.println();
                    out.println(bold(Messages.get("console.failed")));
                    header = true;
                }
                out.println();
                out.println(paint("- " + e.spec().id() + ": " + GradeReport.title(e, r)
                        + " (" + Messages.get("console.points", e.pointsOf(r.id())) + ")", false));
                String why = r.passed() ? e.problem() : r.message();
                out.println(indent(why == null ? "" : why));
                if (!r.output().isBlank()) {
                    out.println(indent(Messages.get("console.printed") + "\n" + r.output().strip()));
                }
            }
            if (e.problem() != null && !e.zeroed()) {
                out.println(indent(e.problem()));
            }
        }
        if (!header) {
            out.println();
            out.println(paint(Messages.get("console.all-passed"), true));
        }
        out.println();
        out.println(Messages.get("console.reports"));
        if (page != null) {
            out.println(Messages.get("console.page", page.toAbsolutePath().normalize().toUri()));
        }
    }

    private static String indent(String text) {
        return "    " + text.strip().replace("\n", "\n    ");
    }

    private String paint(String text, boolean good) {
        return colour ? (good ? "\u001b[32m" : "\u001b[31m") + text + "\u001b[0m" : text;
    }

    private String bold(String text) {
        return colour ? "\u001b[1m" + text + "\u001b[0m" : text;
    }
}
