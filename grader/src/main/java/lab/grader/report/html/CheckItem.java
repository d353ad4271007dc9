package lab.grader.report.html;

import lab.grader.harness.Events;
import lab.grader.i18n.Messages;
import lab.grader.report.GradeReport;
import lab.grader.run.CheckResult;
import lab.grader.run.ExerciseResult;
import org.jsoup.nodes.Element;

/**
 * One check: its sentence name, points and pass or fail (in words and a sign, not colour alone); for
 * a failed check the whole explanation, the seed replay command when a property recorded its seed,
 * the pictures of a failure (Lincheck's table, the stuck threads), and what the code printed.
 */
final class CheckItem {
    private CheckItem() {
    }

    static void render(Element list, ExerciseResult e, CheckResult r) {
        boolean earned = e.earned(r);
        Element li = Html.el(list, "li", earned ? "check pass" : "check fail").attr("id", "check-" + e.spec().id() + "-" + r.id());
        Element head = Html.el(li, "div", "check-head");
        Html.text(head, "span", "badge " + (earned ? "pass" : "fail"),
                (earned ? "\u2713 " : "\u2717 ") + Messages.get(earned ? "page.passed" : "page.failed"));
        Html.text(head, "span", "check-name", GradeReport.title(e, r));
        Html.text(head, "span", "points", earned ? Messages.get("page.check-points", e.pointsOf(r.id()), e.pointsOf(r.id()))
                : Messages.get("page.check-points", 0, e.pointsOf(r.id())));
        if (earned) {
            return;
        }
        Element why = Html.el(li, "div", "why");
        String text = r.passed() ? e.problem() : r.message();
        if (text != null && !text.isBlank()) {
            MessageText.render(why, text);
        }
        String seed = r.passed() ? null : seed(e, r);
        if (seed != null) {
            Element replay = Html.el(why, "p", "replay");
            replay.appendText(Messages.get("page.replay") + " ");
            replay.appendElement("code").text("mvn verify -Dexercise=" + e.spec().id() + " -Dseed=" + seed);
        }
        FailurePictures.render(why, e, r);
        if (!r.output().isBlank()) {
            Html.text(why, "div", "label", Messages.get("console.printed"));
            Html.text(why, "pre", "printed", r.output().strip());
        }
    }

    /** The seed a property recorded when it failed (digits only: it goes into a command). */
    private static String seed(ExerciseResult e, CheckResult r) {
        for (Events.Event ev : e.eventsOf(r.id())) {
            if (ev.series().equals("seed") && ev.label().matches("-?\\d{1,20}")) {
                return ev.label();
            }
        }
        return null;
    }
}
