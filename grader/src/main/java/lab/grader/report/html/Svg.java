package lab.grader.report.html;

import java.util.List;
import org.jsoup.nodes.Element;

/** Shapes for the pictures, as DOM elements (text escaped by jsoup like everything else). */
final class Svg {
    private Svg() {
    }

    /** A rectangle; {@code tip} (may be null) becomes its own {@code <title>}: a tooltip and a text alternative. */
    static Element rect(Element svg, double x, double y, double w, double h, String cls, String tip) {
        Element r = svg.appendElement("rect").attr("x", Html.n(x)).attr("y", Html.n(y)).attr("width", Html.n(Math.max(w, 0.8)))
                .attr("height", Html.n(h)).attr("class", cls);
        if (tip != null) {
            r.appendElement("title").text(tip);
        }
        return r;
    }

    static Element line(Element svg, double x1, double y1, double x2, double y2, String cls) {
        return svg.appendElement("line").attr("x1", Html.n(x1)).attr("y1", Html.n(y1)).attr("x2", Html.n(x2)).attr("y2", Html.n(y2))
                .attr("class", cls);
    }

    static Element text(Element svg, double x, double y, String text, String anchor, String cls) {
        Element t = svg.appendElement("text").attr("x", Html.n(x)).attr("y", Html.n(y)).text(text);
        if (!anchor.isEmpty()) {
            t.attr("text-anchor", anchor);
        }
        if (!cls.isEmpty()) {
            t.attr("class", cls);
        }
        return t;
    }

    /** A polyline through {x, y} points. */
    static Element polyline(Element svg, List<double[]> points, String cls) {
        StringBuilder p = new StringBuilder();
        for (double[] xy : points) {
            p.append(Html.n(xy[0])).append(',').append(Html.n(xy[1])).append(' ');
        }
        return svg.appendElement("polyline").attr("points", p.toString().strip()).attr("class", cls);
    }

    /** A label that fits: long thread names are cut (the full name stays in the tooltip). */
    static String fit(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "\u2026";
    }
}
