package lab.grader.report.html;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.grader.harness.Events;
import lab.grader.i18n.Messages;
import org.jsoup.nodes.Element;

/**
 * Counter: for each counter, what was counted against what was expected (the seed example, 2 threads
 * x 100,000), with the lost updates written out; the given UnsafeCounter's run is the race demo.
 */
final class CountsSvg {
    private static final int WIDTH = 760;
    private static final int LABEL = 170;
    private static final int PLOT = WIDTH - LABEL - 40;
    private static final int ROW = 40;

    private CountsSvg() {
    }

    private record Count(String name, double counted, double expected, boolean demo) {
    }

    static void render(Element parent, String id, List<Events.Event> events) {
        Map<String, Count> counts = new LinkedHashMap<>();
        for (Events.Event e : events) {
            if (e.kind().equals("value")) {
                double expected = events.stream().filter(x -> x.kind().equals("expected") && x.label().equals(e.label()))
                        .mapToDouble(Events.Event::value).findFirst().orElse(e.value());
                counts.put(e.label(), new Count(e.label(), e.value(), expected, e.lane().equals("demo")));
            }
        }
        double max = Math.max(1, counts.values().stream().mapToDouble(c -> Math.max(c.counted, c.expected)).max().orElse(1));
        List<String> said = new ArrayList<>();
        for (Count c : counts.values()) {
            said.add(line(c));
        }
        Element svg = Html.svg(parent, id, WIDTH, 10 + counts.size() * ROW + 6, Messages.get("page.counts.title"), String.join("; ", said));
        double y = 6;
        for (Count c : counts.values()) {
            Svg.text(svg, LABEL - 6, y + 16, Svg.fit(c.name, 24), "end", "");
            if (c.demo) {
                Svg.text(svg, LABEL - 6, y + 30, Messages.get("page.counts.demo"), "end", "small");
            }
            boolean exact = c.counted == c.expected;
            double w = PLOT * c.counted / max;
            Svg.rect(svg, LABEL, y + 4, w, 16, exact ? "ok" : "bad", line(c));
            Svg.rect(svg, LABEL, y + 2, PLOT * c.expected / max, 20, "expect", null);
            Svg.text(svg, LABEL + 4, y + 34, line(c), "", "small");
            y += ROW;
        }
    }

    private static String line(Count c) {
        long lost = Math.round(c.expected - c.counted);
        String base = Messages.get("page.counts.bar", c.name, Math.round(c.counted), Math.round(c.expected));
        return lost == 0 ? base + " - " + Messages.get("page.counts.exact") : base + " - " + Messages.get("page.counts.lost", lost);
    }
}
