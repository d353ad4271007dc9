package lab.grader.batch;

import java.util.ArrayList;
import java.util.List;
import lab.grader.i18n.Messages;
import lab.grader.report.html.Html;
import org.jsoup.nodes.Element;

/** A small histogram of the class's scores on one exercise: a bar per score from 0 to the maximum. */
final class ScoreHistogram {
    private static final int WIDTH = 220;
    private static final int HEIGHT = 110;

    private ScoreHistogram() {
    }

    static void render(Element parent, String id, String exercise, int max, int[] bins) {
        int most = 1;
        for (int b : bins) {
            most = Math.max(most, b);
        }
        List<String> said = new ArrayList<>();
        for (int p = 0; p < bins.length; p++) {
            if (bins[p] > 0) {
                said.add(Messages.get("overview.hist.bin", p, bins[p]));
            }
        }
        String title = Messages.get("overview.hist.title", exercise, max);
        Element svg = Html.svg(parent, id, WIDTH, HEIGHT, title, Messages.get("overview.hist.desc", title, String.join(", ", said)));
        double plot = HEIGHT - 34;
        double w = (WIDTH - 20.0) / bins.length;
        for (int p = 0; p < bins.length; p++) {
            double h = plot * bins[p] / most;
            double x = 10 + p * w;
            Element r = svg.appendElement("rect").attr("x", fmt(x + 1)).attr("y", fmt(16 + plot - h)).attr("width", fmt(Math.max(1, w - 2)))
                    .attr("height", fmt(Math.max(h, bins[p] > 0 ? 1 : 0))).attr("class", p == max ? "ok" : "seq");
            r.appendElement("title").text(Messages.get("overview.hist.bin", p, bins[p]));
        }
        svg.appendElement("line").attr("x1", "10").attr("x2", fmt(WIDTH - 10.0)).attr("y1", fmt(16 + plot)).attr("y2", fmt(16 + plot))
                .attr("class", "axis");
        svg.appendElement("text").attr("x", "0").attr("y", "11").attr("class", "small").text(title);
        svg.appendElement("text").attr("x", "10").attr("y", fmt(HEIGHT - 4.0)).attr("class", "small").text("0");
        svg.appendElement("text").attr("x", fmt(WIDTH - 10.0)).attr("y", fmt(HEIGHT - 4.0)).attr("text-anchor", "end").attr("class", "small")
                .text(String.valueOf(max));
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
