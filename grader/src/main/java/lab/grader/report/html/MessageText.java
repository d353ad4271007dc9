package lab.grader.report.html;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import lab.grader.i18n.Messages;
import org.jsoup.nodes.Element;

/**
 * A check's explanation as the page shows it: the text as written (expected, measured, next step),
 * and in every stack in it the student's own frames first, the rest (the JDK, libraries, the grader)
 * folded below them. The text is only split into lines and frames, never interpreted further.
 */
final class MessageText {
    /** "at Class.method(File.java:12)", as ThreadDump and Java print frames, with ThreadDump's "&gt;" mark. */
    private static final Pattern FRAME = Pattern.compile("\\s*(>\\s*)?at\\s+[\\w$.<>/]+\\(.*\\)\\s*|\\s*\\.\\.\\. \\d+ more\\s*");
    private static final Pattern MINE = Pattern.compile("\\s*>\\s*at\\s.*|\\s*at\\s+lab\\.(?!grader\\.)[\\w$.]+\\(.*");

    private MessageText() {
    }

    static void render(Element parent, String text) {
        List<String> prose = new ArrayList<>();
        List<String> frames = new ArrayList<>();
        for (String line : text.strip().split("\n", -1)) {
            if (FRAME.matcher(line).matches()) {
                if (!prose.isEmpty()) {
                    Html.text(parent, "pre", "text", String.join("\n", prose));
                    prose.clear();
                }
                frames.add(line);
            } else {
                if (!frames.isEmpty()) {
                    stack(parent, frames);
                    frames.clear();
                }
                prose.add(line);
            }
        }
        if (!prose.isEmpty()) {
            Html.text(parent, "pre", "text", String.join("\n", prose));
        }
        if (!frames.isEmpty()) {
            stack(parent, frames);
        }
    }

    /** One stack: the student's frames first (marked), the others folded. */
    private static void stack(Element parent, List<String> frames) {
        List<String> mine = new ArrayList<>();
        List<String> other = new ArrayList<>();
        for (String f : frames) {
            (MINE.matcher(f).matches() ? mine : other).add(f.strip());
        }
        if (!mine.isEmpty()) {
            Html.text(parent, "div", "label", Messages.get("page.frames.mine"));
            Html.text(parent, "pre", "mine", String.join("\n", mine));
        }
        if (!other.isEmpty()) {
            Element details = Html.el(parent, "details", "frames");
            Html.text(details, "summary", "", Messages.get("page.frames.other", other.size()));
            Html.text(details, "pre", "other", String.join("\n", other));
        }
    }
}
