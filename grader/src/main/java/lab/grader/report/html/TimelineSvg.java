package lab.grader.report.html;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.grader.harness.Events;
import lab.grader.i18n.Messages;
import org.jsoup.nodes.Element;

/**
 * A timeline, one lane per thread: the sequential run (when there is one) above the concurrent run,
 * on the same time axis, with both totals and the peak number of tasks at once. Spans without a lane
 * (requests a server answered) go to the first free row, so rows show how many were in flight. A
 * caller's wait for the tasks is drawn as a dashed outline in its own lane.
 */
final class TimelineSvg {
    private static final int WIDTH = 760;
    private static final int LABEL = 170;
    private static final int PLOT = WIDTH - LABEL - 20;
    private static final int ROW = 14;
    private static final int GAP = 4;
    private static final int MAX_LANES = 16;

    private TimelineSvg() {
    }

    /** A run to draw: its lanes of spans, its length and how many tasks it counted. */
    private record Run(String title, String cls, Map<String, List<Events.Event>> lanes, long totalMicros, int tasks, int hiddenLanes,
            int peak) {
    }

    static void render(Element parent, String id, String exercise, List<Events.Event> events) {
        List<Run> runs = new ArrayList<>();
        if (Pictures.has(events, "timeline.sequential")) {
            runs.add(run(events, "timeline.sequential", "seq", Messages.get("page.timeline.sequential")));
        }
        runs.add(run(events, "timeline.concurrent", "con", Messages.get("page.timeline.concurrent")));
        long axis = Math.max(1, runs.stream().mapToLong(Run::totalMicros).max().orElse(1));
        int height = 30;
        for (Run r : runs) {
            height += 20 + r.lanes().size() * (ROW + GAP) + (r.hiddenLanes() > 0 ? 14 : 0) + 6;
        }
        Run con = runs.get(runs.size() - 1);
        String desc = runs.size() == 2
                ? Messages.get("page.timeline.desc", runs.get(0).tasks(), Pictures.time(runs.get(0).totalMicros(), axis), con.tasks(),
                        Pictures.time(con.totalMicros(), axis), con.lanes().size() + con.hiddenLanes(), con.peak())
                : Messages.get("page.timeline.desc.one", con.tasks(), Pictures.time(con.totalMicros(), axis),
                        con.lanes().size() + con.hiddenLanes(), con.peak(), waitText(con, axis));
        Element svg = Html.svg(parent, id, WIDTH, height, Messages.get("page.timeline.title." + exercise), desc);
        double y = 4;
        for (Run r : runs) {
            Svg.text(svg, 0, y + 13, r.title() + ": " + Messages.get("page.timeline.total", Pictures.time(r.totalMicros(), axis), r.tasks(),
                    r.peak()), "", "");
            y += 20;
            for (Map.Entry<String, List<Events.Event>> lane : r.lanes().entrySet()) {
                Svg.text(svg, LABEL - 6, y + ROW - 3, Svg.fit(lane.getKey(), 26), "end", "small");
                Svg.line(svg, LABEL, y + ROW / 2.0, LABEL + PLOT, y + ROW / 2.0, "grid");
                for (Events.Event s : lane.getValue()) {
                    double x0 = LABEL + PLOT * (double) s.start() / axis;
                    double w = PLOT * (double) (s.end() - s.start()) / axis;
                    boolean wait = s.kind().equals("wait");
                    String tip = lane.getKey() + ": " + Pictures.time(s.start(), axis) + " - " + Pictures.time(s.end(), axis)
                            + (wait ? " (" + Messages.get("page.timeline.wait") + ")" : "");
                    Svg.rect(svg, x0, y + (wait ? 1 : 2), w, ROW - (wait ? 2 : 4), wait ? "wait" : r.cls(), tip);
                }
                y += ROW + GAP;
            }
            if (r.hiddenLanes() > 0) {
                Svg.text(svg, LABEL, y + 10, Messages.get("page.timeline.more", r.hiddenLanes()), "", "small");
                y += 14;
            }
            y += 6;
        }
        axis(svg, y, axis);
        if (con.lanes().values().stream().flatMap(List::stream).anyMatch(s -> s.kind().equals("wait"))) {
            Html.text(parent, "p", "legend", Messages.get("page.timeline.legend.wait"));
        }
    }

    private static String waitText(Run r, long axis) {
        long lastTask = r.lanes().values().stream().flatMap(List::stream).filter(s -> s.kind().equals("span"))
                .mapToLong(Events.Event::end).max().orElse(0);
        return r.lanes().values().stream().flatMap(List::stream).filter(s -> s.kind().equals("wait")).findFirst()
                .map(w -> Messages.get(w.end() >= lastTask ? "page.timeline.waited-all" : "page.timeline.returned-early",
                        Pictures.time(w.end(), axis), Pictures.time(lastTask, axis)))
                .orElse("");
    }

    private static void axis(Element svg, double y, long axis) {
        Svg.line(svg, LABEL, y, LABEL + PLOT, y, "axis");
        for (int i = 0; i <= 5; i++) {
            double x = LABEL + PLOT * i / 5.0;
            Svg.line(svg, x, y, x, y + 4, "axis");
            Svg.text(svg, x, y + 16, Pictures.time(axis * i / 5.0, axis), "middle", "small");
        }
        // left of the first tick's label, which is centred on the axis' start
        Svg.text(svg, LABEL - 24, y + 16, Messages.get("page.timeline.axis"), "end", "small");
    }

    private static Run run(List<Events.Event> events, String series, String cls, String title) {
        List<Events.Event> spans = new ArrayList<>(events.stream()
                .filter(e -> e.series().equals(series) && (e.kind().equals("span") || e.kind().equals("wait"))).toList());
        spans.sort(Comparator.comparingLong(Events.Event::start));
        long total = events.stream().filter(e -> e.series().equals(series) && e.kind().equals("total")).mapToLong(Events.Event::end)
                .max().orElse(spans.stream().mapToLong(Events.Event::end).max().orElse(0));
        int tasks = (int) events.stream().filter(e -> e.series().equals(series) && e.kind().equals("total")).mapToDouble(Events.Event::value)
                .max().orElse(spans.size());
        Map<String, List<Events.Event>> lanes = new LinkedHashMap<>();
        List<Long> slotEnds = new ArrayList<>();
        for (Events.Event s : spans) {
            String lane = s.lane();
            if (lane.isEmpty()) {
                // the first row free at this span's start: rows count requests in flight at once
                int slot = 0;
                while (slot < slotEnds.size() && slotEnds.get(slot) > s.start()) {
                    slot++;
                }
                if (slot == slotEnds.size()) {
                    slotEnds.add(s.end());
                } else {
                    slotEnds.set(slot, s.end());
                }
                lane = Messages.get("page.timeline.slot", slot + 1);
            } else if (s.kind().equals("wait")) {
                lane = Messages.get("page.timeline.caller", lane);
            }
            lanes.computeIfAbsent(lane, k -> new ArrayList<>()).add(s);
        }
        int hidden = Math.max(0, lanes.size() - MAX_LANES);
        Map<String, List<Events.Event>> shown = new LinkedHashMap<>();
        lanes.entrySet().stream().limit(MAX_LANES).forEach(en -> shown.put(en.getKey(), en.getValue()));
        return new Run(title, cls, shown, total, tasks, hidden, peak(spans));
    }

    /** The most tasks (not waits) running at once. */
    private static int peak(List<Events.Event> spans) {
        List<long[]> edges = new ArrayList<>();
        for (Events.Event s : spans) {
            if (s.kind().equals("span")) {
                edges.add(new long[] {s.start(), 1});
                edges.add(new long[] {s.end(), -1});
            }
        }
        edges.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int now = 0;
        int peak = 0;
        for (long[] e : edges) {
            now += (int) e[1];
            peak = Math.max(peak, now);
        }
        return peak;
    }
}
