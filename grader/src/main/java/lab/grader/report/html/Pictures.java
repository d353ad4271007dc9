package lab.grader.report.html;

import java.util.ArrayList;
import java.util.List;
import lab.grader.harness.Events;
import lab.grader.i18n.Messages;
import lab.grader.report.GradeReport;
import lab.grader.run.CheckResult;
import lab.grader.run.ExerciseResult;
import org.jsoup.nodes.Element;

/**
 * The pictures of an exercise, drawn from the events its checks recorded in this run: timelines
 * (pool, downloads, threads), CPU bars (parallel), counts (counter), the buffer's fill (queue). Each
 * names the check that measured it. Which picture is drawn depends only on the events' series.
 */
final class Pictures {
    private Pictures() {
    }

    static void render(Element section, ExerciseResult e) {
        Element box = Html.el(section, "div", "pictures");
        Html.text(box, "h3", "", Messages.get("page.pictures"));
        String id = e.spec().id();
        int drawn = 0;
        List<Events.Event> counts = new ArrayList<>();
        List<String> countChecks = new ArrayList<>();
        for (CheckResult r : e.checks()) {
            List<Events.Event> ev = e.eventsOf(r.id());
            if (ev.isEmpty()) {
                continue;
            }
            String from = Messages.get("page.from-check", GradeReport.title(e, r));
            String pid = "pic-" + id + "-" + r.id();
            if (has(ev, "timeline.concurrent")) {
                TimelineSvg.render(figure(box, from), pid, id, ev);
                drawn++;
            }
            if (has(ev, "cpu") || has(ev, "cpu.wall")) {
                CpuBarsSvg.render(figure(box, from), pid, ev, e.figures());
                drawn++;
            }
            if (has(ev, "queue.fill")) {
                FillSvg.render(figure(box, from), pid, ev);
                drawn++;
            }
            if (has(ev, "counts")) {
                ev.stream().filter(x -> x.series().equals("counts")).forEach(counts::add);
                countChecks.add(GradeReport.title(e, r));
            }
        }
        if (!counts.isEmpty()) {
            CountsSvg.render(figure(box, Messages.get("page.from-checks", String.join("; ", countChecks))), "pic-" + id + "-counts", counts);
            drawn++;
        }
        if (drawn == 0) {
            Html.text(box, "p", "none", Messages.get("page.pictures.none"));
        }
    }

    private static Element figure(Element box, String caption) {
        Element fig = Html.el(box, "figure", "");
        Element body = Html.el(fig, "div", "figure-body");
        Html.text(fig, "figcaption", "", caption);
        return body;
    }

    static boolean has(List<Events.Event> events, String series) {
        return events.stream().anyMatch(e -> e.series().equals(series));
    }

    static List<Events.Event> of(List<Events.Event> events, String series, String kind) {
        return events.stream().filter(e -> e.series().equals(series) && (kind == null || e.kind().equals(kind))).toList();
    }

    /** Seconds with two decimals, for people, in the page's language. */
    static String seconds(double micros) {
        return String.format(Messages.locale(), "%.2f", micros / 1e6);
    }

    /**
     * A moment or a length with its unit, in the unit that suits the picture's whole span ({@code scale}):
     * milliseconds under two seconds (a run of 4 short tasks takes a few ms), else seconds.
     */
    static String time(double micros, double scale) {
        if (scale < 2e6) {
            return String.format(Messages.locale(), scale < 2e4 ? "%.1f ms" : "%.0f ms", micros / 1e3);
        }
        return String.format(Messages.locale(), "%.2f s", micros / 1e6);
    }
}
