package lab.grader.report.html;

import java.util.ArrayList;
import java.util.List;
import lab.grader.harness.Events;
import lab.grader.i18n.Messages;
import org.jsoup.nodes.Element;

/**
 * Queue: the buffer's fill over time (an area up to its capacity line), and below it on the same time
 * axis how many producers were waiting in put and consumers waiting in take. Full buffer, waiting
 * producers; empty buffer, waiting consumers: the picture of blocking that works.
 */
final class FillSvg {
    private static final int WIDTH = 760;
    private static final int LEFT = 110;
    private static final int PLOT = WIDTH - LEFT - 20;
    private static final int FILL_H = 110;
    private static final int WAIT_H = 60;

    private FillSvg() {
    }

    static void render(Element parent, String id, List<Events.Event> events) {
        List<Events.Event> fill = Pictures.of(events, "queue.fill", "sample");
        List<Events.Event> prod = Pictures.of(events, "queue.producers", "sample");
        List<Events.Event> cons = Pictures.of(events, "queue.consumers", "sample");
        Events.Event total = Pictures.of(events, "queue.fill", "total").stream().findFirst().orElse(null);
        double capacity = total == null ? fill.stream().mapToDouble(Events.Event::value).max().orElse(1) : total.value();
        long end = Math.max(1, total == null ? fill.stream().mapToLong(Events.Event::start).max().orElse(1) : total.end());
        long full = fill.stream().filter(e -> e.value() >= capacity).count();
        long empty = fill.stream().filter(e -> e.value() == 0).count();
        String desc = Messages.get("page.fill.desc", Math.round(capacity), fill.size(), Pictures.time(end, end), full,
                Math.round(max(prod)), empty, Math.round(max(cons)));
        int height = 20 + FILL_H + 20 + WAIT_H + 40;
        Element svg = Html.svg(parent, id, WIDTH, height, Messages.get("page.fill.title"), desc);
        double top = 14;
        // fill area
        List<double[]> area = new ArrayList<>();
        area.add(new double[] {LEFT, top + FILL_H});
        for (Events.Event e : fill) {
            area.add(new double[] {x(e.start(), end), top + FILL_H * (1 - e.value() / capacity)});
        }
        area.add(new double[] {x(end, end), top + FILL_H});
        Svg.polyline(svg, area, "fill");
        Svg.line(svg, LEFT, top, LEFT + PLOT, top, "cap");
        Svg.text(svg, LEFT - 6, top + 4, Messages.get("page.fill.capacity", Math.round(capacity)), "end", "small");
        Svg.text(svg, LEFT - 6, top + FILL_H, "0", "end", "small");
        Svg.text(svg, LEFT - 6, top + FILL_H / 2.0, Messages.get("page.fill.items"), "end", "small");
        Svg.line(svg, LEFT, top + FILL_H, LEFT + PLOT, top + FILL_H, "axis");
        // waiting threads
        double wTop = top + FILL_H + 20;
        double most = Math.max(1, Math.max(max(prod), max(cons)));
        Svg.polyline(svg, steps(prod, end, wTop, most), "prod");
        Svg.polyline(svg, steps(cons, end, wTop, most), "cons");
        Svg.text(svg, LEFT - 6, wTop + 4, String.valueOf(Math.round(most)), "end", "small");
        Svg.text(svg, LEFT - 6, wTop + WAIT_H, "0", "end", "small");
        Svg.text(svg, LEFT - 6, wTop + WAIT_H / 2.0, Messages.get("page.fill.waiting"), "end", "small");
        Svg.line(svg, LEFT, wTop + WAIT_H, LEFT + PLOT, wTop + WAIT_H, "axis");
        for (int i = 0; i <= 5; i++) {
            double x = LEFT + PLOT * i / 5.0;
            Svg.text(svg, x, wTop + WAIT_H + 14, Pictures.time(end * i / 5.0, end), "middle", "small");
        }
        double ly = wTop + WAIT_H + 32;
        Svg.line(svg, LEFT, ly - 4, LEFT + 24, ly - 4, "prod");
        Svg.text(svg, LEFT + 30, ly, Messages.get("page.fill.producers"), "", "small");
        Svg.line(svg, LEFT + 280, ly - 4, LEFT + 304, ly - 4, "cons");
        Svg.text(svg, LEFT + 310, ly, Messages.get("page.fill.consumers"), "", "small");
    }

    private static double x(long micros, long end) {
        return LEFT + PLOT * (double) micros / end;
    }

    private static List<double[]> steps(List<Events.Event> samples, long end, double top, double most) {
        List<double[]> pts = new ArrayList<>();
        double last = top + WAIT_H;
        pts.add(new double[] {LEFT, last});
        for (Events.Event e : samples) {
            double y = top + WAIT_H * (1 - e.value() / most);
            pts.add(new double[] {x(e.start(), end), last});
            pts.add(new double[] {x(e.start(), end), y});
            last = y;
        }
        pts.add(new double[] {x(end, end), last});
        return pts;
    }

    private static double max(List<Events.Event> samples) {
        return samples.stream().mapToDouble(Events.Event::value).max().orElse(0);
    }
}
