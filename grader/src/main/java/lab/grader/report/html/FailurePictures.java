package lab.grader.report.html;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.grader.harness.Events;
import lab.grader.i18n.Messages;
import lab.grader.run.CheckResult;
import lab.grader.run.ExerciseResult;
import org.jsoup.nodes.Element;

/**
 * The pictures of a failed check: Lincheck's run as a table ({@link LincheckTableView}), and a hang
 * as the stuck threads, each with its state and its stack, the student's own frames first.
 */
final class FailurePictures {
    private FailurePictures() {
    }

    static void render(Element parent, ExerciseResult e, CheckResult r) {
        List<Events.Event> events = e.eventsOf(r.id());
        if (Pictures.has(events, "lincheck")) {
            LincheckTableView.render(parent, "lincheck", Messages.get("page.lincheck.title"), events, true);
        }
        if (Pictures.has(events, "lincheck.interleaving")) {
            LincheckTableView.render(parent, "lincheck.interleaving", Messages.get("page.lincheck.interleaving"), events, false);
        }
        if (Pictures.has(events, "hang")) {
            stuck(parent, events);
        }
    }

    private static void stuck(Element parent, List<Events.Event> events) {
        Element box = Html.el(parent, "div", "stuck");
        Html.text(box, "h3", "", Messages.get("page.hang.title"));
        boolean deadlock = Pictures.of(events, "hang", "value").stream().anyMatch(v -> v.label().equals("deadlock") && v.value() > 0);
        Html.text(box, "p", deadlock ? "fail" : "", Messages.get(deadlock ? "page.hang.deadlock" : "page.hang.no-deadlock"));
        Map<String, String> states = new LinkedHashMap<>();
        Pictures.of(events, "hang", "stuck").forEach(s -> states.putIfAbsent(s.lane(), s.label()));
        for (Map.Entry<String, String> t : states.entrySet()) {
            Html.text(box, "h4", "", Messages.get("page.hang.thread", t.getKey(), t.getValue()));
            List<Events.Event> frames = Pictures.of(events, "hang", "frame").stream().filter(f -> f.lane().equals(t.getKey())).toList();
            List<String> mine = frames.stream().filter(f -> f.value() > 0).map(f -> "> at " + f.label()).toList();
            List<String> other = frames.stream().filter(f -> f.value() == 0).map(f -> "at " + f.label()).toList();
            if (!mine.isEmpty()) {
                Html.text(box, "div", "label", Messages.get("page.frames.mine"));
                Html.text(box, "pre", "mine", String.join("\n", mine));
            } else {
                Html.text(box, "p", "label", Messages.get("page.hang.no-own-frame"));
            }
            if (!other.isEmpty()) {
                Element details = Html.el(box, "details", "frames");
                Html.text(details, "summary", "", Messages.get("page.frames.other", other.size()));
                Html.text(details, "pre", "other", String.join("\n", other));
            }
        }
    }
}
