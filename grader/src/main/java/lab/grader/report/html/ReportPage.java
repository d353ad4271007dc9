package lab.grader.report.html;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import lab.grader.i18n.Messages;
import lab.grader.report.GradeReport;
import lab.grader.report.Machine;
import lab.grader.run.ExerciseResult;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * {@code report.html}: the student's page of one grading run, in the run's language. The header
 * (total, date, kit version, JDK, cores, the machine's load), a contents table, then a section per
 * exercise ({@link ExerciseSection}): points, verdict, pictures of what the code did, every check.
 * Written beside {@code results.json} (target/grade, or target/batch/&lt;student&gt;/).
 */
public final class ReportPage {
    /** The page's file name, in the folder of the other reports. */
    public static final String FILE = "report.html";
    /** Load average per core above which timings are noisy: the header says so. */
    private static final double BUSY_LOAD_PER_CORE = 0.75;

    private ReportPage() {
    }

    /** Writes the page for {@code report} to {@code file}. */
    public static void write(GradeReport report, Path file) throws IOException {
        Html.write(render(report), file);
    }

    /** The page as a document (tests read it without a file). */
    public static Document render(GradeReport report) {
        Locale locale = Messages.locale();
        Document doc = Html.page(locale.getLanguage().isEmpty() ? "en" : locale.getLanguage(),
                Messages.get("page.title", report.graded()));
        Element body = doc.body();
        header(Html.el(body, "header", "top"), report);
        contents(body, report);
        int index = 0;
        for (ExerciseResult e : report.exercises()) {
            ExerciseSection.render(body, e, index++);
        }
        Element footer = Html.el(body, "footer", "");
        Html.text(footer, "p", "", Messages.get("page.footer"));
        return doc;
    }

    private static void header(Element header, GradeReport report) {
        Html.text(header, "h1", "", Messages.get("page.title", report.graded()));
        boolean full = report.points() == report.maxPoints();
        Element total = Html.el(header, "p", "total " + (full ? "pass" : "fail"));
        total.attr("id", "total");
        total.text(Messages.get("page.total", report.points(), report.maxPoints()));
        Machine m = report.machine();
        Element dl = Html.el(header, "dl", "meta");
        item(dl, Messages.get("page.date"), m.date().isEmpty() ? "-" : m.date());
        item(dl, Messages.get("page.time"), Messages.get("console.time", String.format(Messages.locale(), "%.1f", report.millis() / 1000.0)));
        item(dl, Messages.get("page.kit"), m.kitVersion().isEmpty() ? "-" : m.kitVersion());
        item(dl, Messages.get("page.jdk"), m.jdk().isEmpty() ? "-" : m.jdk());
        item(dl, Messages.get("page.cores"), m.cores() > 0 ? String.valueOf(m.cores()) : "-");
        item(dl, Messages.get("page.load"), load(m));
        if (!report.notes().isEmpty()) {
            Element notes = Html.el(header, "div", "notes");
            report.notes().forEach(n -> Html.text(notes, "p", "", n));
        }
    }

    private static String load(Machine m) {
        if (m.loadHigh() < 0) {
            return Messages.get("page.load.unknown");
        }
        String range = String.format(Messages.locale(), "%.2f", m.loadLow()) + " - " + String.format(Messages.locale(), "%.2f", m.loadHigh());
        boolean busy = m.cores() > 0 && m.loadHigh() > BUSY_LOAD_PER_CORE * m.cores();
        return Messages.get(busy ? "page.load.busy" : "page.load.value", range, m.cores());
    }

    private static void item(Element dl, String term, String value) {
        Html.text(dl, "dt", "", term);
        Html.text(dl, "dd", "", value);
    }

    private static void contents(Element body, GradeReport report) {
        Element nav = Html.el(body, "nav", "toc");
        Html.text(nav, "h2", "", Messages.get("page.contents"));
        Element table = Html.el(nav, "table", "");
        Element head = Html.el(Html.el(table, "thead", ""), "tr", "");
        Html.text(head, "th", "", Messages.get("console.col.exercise"));
        Html.text(head, "th", "", Messages.get("console.col.points"));
        Html.text(head, "th", "", Messages.get("console.col.verdict"));
        Element rows = Html.el(table, "tbody", "");
        for (ExerciseResult e : report.exercises()) {
            Element tr = Html.el(rows, "tr", "");
            Html.el(tr, "td", "").appendElement("a").attr("href", "#" + ExerciseSection.anchor(e)).text(e.spec().id());
            Html.text(tr, "td", "num points " + (e.fullMarks() ? "pass" : "fail"), e.points() + "/" + e.spec().maxPoints());
            Html.text(tr, "td", "", GradeReport.verdict(e));
        }
    }
}
