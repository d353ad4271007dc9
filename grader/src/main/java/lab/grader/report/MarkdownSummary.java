package lab.grader.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import lab.grader.i18n.Messages;
import lab.grader.run.CheckResult;
import lab.grader.run.ExerciseResult;

/** {@code summary.md}: the console table in Markdown, for a CI job summary. */
public final class MarkdownSummary {
    private MarkdownSummary() {
    }

    public static void write(GradeReport report, Path file) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(Messages.get("console.title", report.graded())).append("\n\n");
        md.append("| ").append(Messages.get("console.col.exercise")).append(" | ").append(Messages.get("console.col.points"))
                .append(" | ").append(Messages.get("console.col.verdict")).append(" |\n|---|---|---|\n");
        for (ExerciseResult e : report.exercises()) {
            md.append("| ").append(e.spec().id()).append(" | ").append(e.points()).append('/').append(e.spec().maxPoints())
                    .append(" | ").append(cell(GradeReport.verdict(e))).append(" |\n");
        }
        md.append("| **").append(Messages.get("console.total")).append("** | **").append(report.points()).append('/')
                .append(report.maxPoints()).append("** | ").append(Messages.get("console.time", GradeReport.seconds(report.millis())))
                .append(" |\n");
        // The report page sits beside this file (and in the CI artifact): a relative link opens it.
        md.append("\n").append(Messages.get("md.page")).append("\n");
        report.notes().forEach(n -> md.append("\n").append(n.replace("```", "'''")).append("\n"));
        boolean header = false;
        for (ExerciseResult e : report.exercises()) {
            for (CheckResult r : e.checks()) {
                if (e.earned(r)) {
                    continue;
                }
                if (!header) {
                    md.append("\n## ").append(Messages.get("console.failed")).append("\n");
                    header = true;
                }
                String why = r.passed() ? e.problem() : r.message();
                md.append("\n### ").append(e.spec().id()).append(": ").append(cell(GradeReport.title(e, r))).append(" (")
                        .append(Messages.get("console.points", e.pointsOf(r.id()))).append(")\n\n```text\n")
                        .append(why == null ? "" : why.strip().replace("```", "'''")).append("\n```\n");
            }
        }
        Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
