package lab.grader.report.html;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.DocumentType;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;

/**
 * The pages are built as a DOM with jsoup and serialised by it: every text and attribute goes
 * through jsoup's escaper, so a thread name or an exception message from student code
 * ({@code <script>...}) is text on the page, never markup. Nothing here concatenates markup.
 *
 * <p>Every page is one self-contained file: inline CSS and SVG, no script, and a Content Security
 * Policy that lets the browser load nothing at all (no script, font, image or style from anywhere),
 * so it opens offline from a downloaded CI artifact and anything that slipped through stays inert.
 */
public final class Html {
    /** Loads nothing, runs nothing: only the page's own inline style. */
    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

    private Html() {
    }

    /** A new page in {@code lang} with {@code title} and the kit's style sheet. */
    public static Document page(String lang, String title) {
        Document doc = Document.createShell("");
        doc.prependChild(new DocumentType("html", "", ""));
        doc.outputSettings().charset(StandardCharsets.UTF_8).escapeMode(Entities.EscapeMode.base).prettyPrint(false);
        doc.selectFirst("html").attr("lang", lang);
        Element head = doc.head();
        head.appendElement("meta").attr("charset", "utf-8");
        head.appendElement("meta").attr("http-equiv", "Content-Security-Policy").attr("content", CSP);
        head.appendElement("meta").attr("name", "viewport").attr("content", "width=device-width, initial-scale=1");
        head.appendElement("meta").attr("name", "color-scheme").attr("content", "light dark");
        head.appendElement("title").text(title);
        head.appendElement("style").appendChild(new org.jsoup.nodes.DataNode(PageStyle.CSS));
        return doc;
    }

    /** A child element with a class ("" for none). */
    public static Element el(Element parent, String tag, String cls) {
        Element e = parent.appendElement(tag);
        if (!cls.isEmpty()) {
            e.addClass(cls);
        }
        return e;
    }

    /** A child element with a class and text (escaped). */
    public static Element text(Element parent, String tag, String cls, String text) {
        return el(parent, tag, cls).text(text == null ? "" : text);
    }

    /**
     * An inline SVG picture with its text alternative: {@code <title>} (its name) and {@code <desc>}
     * (what it shows, in words, with the figures), referenced by aria-labelledby.
     */
    public static Element svg(Element parent, String id, int width, int height, String title, String desc) {
        Element svg = parent.appendElement("svg").attr("xmlns", "http://www.w3.org/2000/svg").attr("role", "img")
                .attr("viewBox", "0 0 " + width + " " + height).attr("width", String.valueOf(width))
                .attr("preserveAspectRatio", "xMinYMin meet").attr("aria-labelledby", id + "-t " + id + "-d").addClass("pic");
        svg.appendElement("title").attr("id", id + "-t").text(title);
        svg.appendElement("desc").attr("id", id + "-d").text(desc);
        return svg;
    }

    /** A number for an SVG attribute: always a dot, whatever the locale. */
    static String n(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Writes the page, replacing the file at once so that a reader never sees half of it. */
    public static void write(Document doc, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // Not createTempFile: its owner-only permissions would stay on the page, which others (a CI artifact,
        // an instructor's web folder) must be able to read like the other reports.
        Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, doc.outerHtml(), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
