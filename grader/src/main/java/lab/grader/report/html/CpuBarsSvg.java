package lab.grader.report.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lab.grader.harness.Events;
import lab.grader.i18n.Messages;
import org.jsoup.nodes.Element;

/**
 * Parallel: the CPU time each thread used in the best parallel run, one bar per thread (the calling
 * thread outlined: it should mostly wait), and the speed-up against sequential with the cores the JVM
 * saw. On one core the check does not time anything, and the picture says so.
 */
final class CpuBarsSvg {
    private static final int WIDTH = 760;
    private static final int LABEL = 190;
    private static final int PLOT = WIDTH - LABEL - 90;
    private static final int ROW = 18;

    private CpuBarsSvg() {
    }

    static void render(Element parent, String id, List<Events.Event> events, Map<String, Object> figures) {
        List<Events.Event> bars = new ArrayList<>(Pictures.of(events, "cpu", "value"));
        double seq = value(events, "sequential");
        double par = value(events, "parallel");
        double max = Math.max(1, bars.stream().mapToDouble(Events.Event::value).max().orElse(1));
        int height = 46 + bars.size() * ROW + 30;
        Object cores = figures.getOrDefault("cores", Runtime.getRuntime().availableProcessors());
        String speed = seq > 0 && par > 0
                ? Messages.get("page.cpu.speedup", seq / par, Pictures.time(seq * 1000, seq * 1000), Pictures.time(par * 1000, seq * 1000), cores)
                : String.valueOf(figures.getOrDefault("speedup.text", ""));
        long working = bars.stream().filter(b -> b.lane().equals("thread") && b.value() >= 0.1 * max).count();
        String desc = Messages.get("page.cpu.desc", working, bars.stream().filter(b -> b.lane().equals("thread")).count(), speed);
        Element svg = Html.svg(parent, id, WIDTH, height, Messages.get("page.cpu.title"), desc);
        Svg.text(svg, 0, 14, speed, "", "");
        double y = 26;
        for (Events.Event b : bars) {
            boolean caller = b.lane().equals("caller");
            String name = caller ? Messages.get("page.cpu.caller") : b.label();
            Svg.text(svg, LABEL - 6, y + ROW - 5, Svg.fit(name, 28), "end", "small");
            double w = PLOT * b.value() / max;
            Svg.rect(svg, LABEL, y + 2, w, ROW - 4, caller ? "wait" : "con",
                    name + ": " + String.format(Messages.locale(), "%.0f", b.value()) + " ms CPU");
            Svg.text(svg, LABEL + w + 4, y + ROW - 5, String.format(Messages.locale(), "%.0f ms", b.value()), "", "small");
            y += ROW;
        }
        Svg.line(svg, LABEL, y + 4, LABEL + PLOT, y + 4, "axis");
        Svg.text(svg, LABEL - 6, y + 18, Messages.get("page.cpu.axis"), "end", "small");
        Svg.text(svg, LABEL + PLOT, y + 18, String.format(Messages.locale(), "%.0f ms", max), "end", "small");
    }

    private static double value(List<Events.Event> events, String name) {
        return Pictures.of(events, "cpu.wall", "value").stream().filter(e -> e.label().equals(name)).mapToDouble(Events.Event::value)
                .findFirst().orElse(0);
    }
}
