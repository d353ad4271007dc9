package lab.grader.report.html;

import lab.grader.i18n.Messages;
import lab.grader.report.GradeReport;
import lab.grader.run.CheckResult;
import lab.grader.run.ExerciseResult;
import org.jsoup.nodes.Element;

/**
 * One exercise on the report page: its points and headline verdict, the pictures of what the code
 * did in this run ({@link Pictures}), then every check ({@link CheckItem}), and what stopped the
 * exercise early, if anything did.
 */
final class ExerciseSection {
    private ExerciseSection() {
    }

    /** The section's anchor (an exercise id is a plain word from the rubric). */
    static String anchor(ExerciseResult e) {
        return "ex-" + e.spec().id();
    }

    static void render(Element body, ExerciseResult e, int index) {
        Element section = Html.el(body, "section", "exercise").attr("id", anchor(e));
        Element header = Html.el(section, "header", "");
        Html.text(header, "h2", "", e.spec().id());
        Html.text(header, "span", "points " + (e.fullMarks() ? "pass" : "fail"),
                Messages.get("page.points", e.points(), e.spec().maxPoints()));
        Html.text(section, "p", "verdict", GradeReport.verdict(e));
        if (e.problem() != null) {
            Html.text(section, "div", "label", Messages.get("page.problem"));
            MessageText.render(section, e.problem());
        }
        Pictures.render(section, e);
        Html.text(section, "h3", "", Messages.get("page.checks"));
        Element list = Html.el(section, "ol", "checks");
        for (CheckResult r : e.checks()) {
            CheckItem.render(list, e, r);
        }
    }
}
