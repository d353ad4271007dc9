package lab.grader.report.html;

import java.util.List;
import java.util.TreeMap;
import java.util.Map;
import lab.grader.harness.Events;
import lab.grader.i18n.Messages;
import org.jsoup.nodes.Element;

/**
 * A Lincheck failure as an HTML table: one column per thread (headed as Lincheck heads them:
 * {@code Thread 1}, {@code Thread 2}, ...), rows in the order Lincheck gives, a wrong result marked
 * (outlined, the word "wrong" and what the closest one-at-a-time order gives instead).
 */
final class LincheckTableView {
    private LincheckTableView() {
    }

    static void render(Element parent, String series, String title, List<Events.Event> events, boolean results) {
        List<Events.Event> heads = Pictures.of(events, series, "head");
        List<Events.Event> cells = Pictures.of(events, series, "cell");
        List<Events.Event> expected = Pictures.of(events, series, "expected");
        Element table = Html.el(parent, "table", "lincheck").attr("data-series", series);
        Html.text(table, "caption", "", title);
        Element tr = Html.el(Html.el(table, "thead", ""), "tr", "");
        for (Events.Event h : heads) {
            Html.text(tr, "th", "", h.label()).attr("scope", "col");
        }
        Map<Long, Map<String, Events.Event>> rows = new TreeMap<>();
        cells.forEach(c -> rows.computeIfAbsent(c.start(), r -> new java.util.HashMap<>()).put(c.lane(), c));
        Element body = Html.el(table, "tbody", "");
        boolean marked = false;
        for (Map<String, Events.Event> row : rows.values()) {
            Element line = Html.el(body, "tr", "");
            for (Events.Event h : heads) {
                Events.Event c = row.get(h.label());
                Element td = Html.el(line, "td", "");
                if (c == null) {
                    continue;
                }
                td.text(c.label());
                if (c.value() > 0) {
                    marked = true;
                    td.addClass("wrong");
                    String instead = expected.stream().filter(x -> x.lane().equals(c.lane()) && x.start() == c.start())
                            .map(Events.Event::label).findFirst().orElse("?");
                    td.appendElement("br");
                    td.appendElement("strong").text("\u2717 " + Messages.get("page.lincheck.wrong", instead));
                }
            }
        }
        if (results) {
            Html.text(parent, "p", "legend", Messages.get(marked ? "page.lincheck.legend" : "page.lincheck.no-mark"));
        }
    }
}
