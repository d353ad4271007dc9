package lab.grader.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lab.grader.i18n.Messages;
import lab.grader.report.html.Html;
import lab.grader.report.html.ReportPage;
import lab.grader.rubric.ExerciseSpec;
import lab.grader.rubric.Rubric;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * {@code target/batch/index.html}, the class overview: a row per student (points per exercise, total,
 * status, a link to the student's {@code report.html}), a small histogram of the class's scores per
 * exercise, and the checks most students failed, with counts (what to teach again).
 *
 * <p>Made only from files on disk, so it can be written on its own at any time (after a batch run, or
 * after merging the outputs of sharded runs): the rows of {@code gradebook.csv} and each student's
 * {@code results.json}. Student ids come from the gradebook: only a safe id that names a real folder
 * (not a link) of the batch folder is ever read or linked. Self-contained like the report page.
 */
public final class ClassOverview {
    public static final String FILE = "index.html";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MOST_FAILED = 12;

    private ClassOverview() {
    }

    /** A student's row: the gradebook's cells, and the failed checks read from their results.json. */
    private record Row(String id, Map<String, String> cells, boolean page, List<String> failed) {
    }

    /** Writes {@code batchDir/index.html} from {@code batchDir/gradebook.csv} and the students' folders. */
    public static Path write(Path batchDir) throws IOException {
        Path file = batchDir.resolve(FILE);
        Html.write(render(batchDir), file);
        return file;
    }

    static Document render(Path batchDir) throws IOException {
        Path gradebook = batchDir.resolve("gradebook.csv");
        List<Map<String, String>> cells = Files.isRegularFile(gradebook, LinkOption.NOFOLLOW_LINKS) ? Gradebook.read(gradebook) : List.of();
        List<String> exercises = exercises(cells);
        Map<String, Integer> max = maxPoints(exercises);
        Map<String, String> checkNames = new LinkedHashMap<>();
        List<Row> rows = new ArrayList<>();
        for (Map<String, String> c : cells) {
            String id = unquote(c.getOrDefault("student", ""));
            Path dir = StudentIds.safe(id) ? batchDir.resolve(id) : null;
            boolean real = dir != null && Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS);
            boolean page = real && Files.isRegularFile(dir.resolve(ReportPage.FILE), LinkOption.NOFOLLOW_LINKS);
            rows.add(new Row(id, c, page, real ? failed(dir.resolve("results.json"), checkNames) : List.of()));
        }
        int total = max.values().stream().mapToInt(Integer::intValue).sum();
        Locale locale = Messages.locale();
        Document doc = Html.page(locale.getLanguage().isEmpty() ? "en" : locale.getLanguage(), Messages.get("overview.title"));
        Element body = doc.body();
        Element header = Html.el(body, "header", "top");
        Html.text(header, "h1", "", Messages.get("overview.title"));
        Html.text(header, "p", "", Messages.get("overview.summary", rows.size(), total));
        students(body, rows, exercises, max);
        histograms(body, rows, exercises, max);
        mostFailed(body, rows, checkNames);
        return doc;
    }

    private static void students(Element body, List<Row> rows, List<String> exercises, Map<String, Integer> max) {
        Element table = Html.el(body, "table", "students");
        Element head = Html.el(Html.el(table, "thead", ""), "tr", "");
        Html.text(head, "th", "", Messages.get("overview.col.student"));
        for (String e : exercises) {
            Html.text(head, "th", "", e + " (" + max.getOrDefault(e, 0) + ")");
        }
        Html.text(head, "th", "", Messages.get("overview.col.total"));
        Html.text(head, "th", "", Messages.get("overview.col.status"));
        Html.text(head, "th", "", Messages.get("overview.col.report"));
        Element tbody = Html.el(table, "tbody", "");
        for (Row r : rows) {
            Element tr = Html.el(tbody, "tr", "");
            Html.text(tr, "td", "", r.id());
            for (String e : exercises) {
                Html.text(tr, "td", "num", r.cells().getOrDefault(e, ""));
            }
            Html.text(tr, "td", "num", r.cells().getOrDefault("total", ""));
            Html.text(tr, "td", "", unquote(r.cells().getOrDefault("status", "")));
            Element link = Html.el(tr, "td", "");
            if (r.page()) {
                // The id is a safe folder name (letters, digits, - _ .): a relative link inside the batch folder.
                link.appendElement("a").attr("href", r.id() + "/" + ReportPage.FILE).text(Messages.get("overview.report"));
            } else {
                link.text(Messages.get("overview.no-report"));
            }
        }
    }

    private static void histograms(Element body, List<Row> rows, List<String> exercises, Map<String, Integer> max) {
        Html.text(body, "h2", "", Messages.get("overview.histograms"));
        Element box = Html.el(body, "div", "histograms");
        for (String e : exercises) {
            int top = Math.max(0, max.getOrDefault(e, 0));
            int[] bins = new int[top + 1];
            for (Row r : rows) {
                try {
                    int p = Integer.parseInt(r.cells().getOrDefault(e, "").strip());
                    bins[Math.max(0, Math.min(top, p))]++;
                } catch (NumberFormatException notGraded) {
                    // no points for this exercise in this row
                }
            }
            Element fig = Html.el(box, "figure", "hist");
            ScoreHistogram.render(fig, "hist-" + e, e, top, bins);
        }
    }

    private static void mostFailed(Element body, List<Row> rows, Map<String, String> names) {
        Html.text(body, "h2", "", Messages.get("overview.failed"));
        Map<String, Integer> counts = new LinkedHashMap<>();
        rows.forEach(r -> r.failed().forEach(c -> counts.merge(c, 1, Integer::sum)));
        if (counts.isEmpty()) {
            Html.text(body, "p", "", Messages.get("overview.failed.none"));
            return;
        }
        Element table = Html.el(body, "table", "failed");
        Element head = Html.el(Html.el(table, "thead", ""), "tr", "");
        Html.text(head, "th", "", Messages.get("overview.failed.col.check"));
        Html.text(head, "th", "", Messages.get("overview.failed.col.count"));
        Element tbody = Html.el(table, "tbody", "");
        counts.entrySet().stream().sorted((a, b) -> b.getValue() != a.getValue().intValue() ? b.getValue() - a.getValue() : a.getKey().compareTo(b.getKey()))
                .limit(MOST_FAILED).forEach(en -> {
                    Element tr = Html.el(tbody, "tr", "");
                    Html.text(tr, "td", "", names.getOrDefault(en.getKey(), en.getKey()));
                    Html.text(tr, "td", "num", en.getValue() + " / " + rows.size());
                });
    }

    /** The exercise columns of the gradebook, in its order. */
    private static List<String> exercises(List<Map<String, String>> cells) {
        List<String> ids = new ArrayList<>();
        if (!cells.isEmpty()) {
            for (String column : cells.get(0).keySet()) {
                if (!List.of("student", "total", "status", "original_id").contains(column)) {
                    ids.add(column);
                }
            }
        } else {
            Rubric.load().exercises().forEach(e -> ids.add(e.id()));
        }
        return ids;
    }

    private static Map<String, Integer> maxPoints(List<String> exercises) {
        Map<String, Integer> max = new LinkedHashMap<>();
        for (ExerciseSpec spec : Rubric.load().exercises()) {
            if (exercises.contains(spec.id())) {
                max.put(spec.id(), spec.maxPoints());
            }
        }
        return max;
    }

    /** The checks a student's results.json says failed, by their number ("counter.lockSeedCase"); names kept for display. */
    private static List<String> failed(Path results, Map<String, String> names) {
        List<String> failed = new ArrayList<>();
        if (!Files.isRegularFile(results, LinkOption.NOFOLLOW_LINKS)) {
            return failed;
        }
        try {
            JsonNode root = JSON.readTree(results.toFile());
            for (JsonNode t : root.path("tests")) {
                if (!"passed".equals(t.path("status").asText()) && t.path("max_score").asDouble() > 0) {
                    String number = t.path("number").asText(t.path("name").asText());
                    names.putIfAbsent(number, t.path("name").asText(number));
                    failed.add(number);
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // a student without readable results counts for nothing here; the gradebook row still shows
        }
        return failed;
    }

    /** A gradebook text cell as written: a leading ' that Gradebook put before a formula-like start is not part of it. */
    private static String unquote(String cell) {
        return cell.length() > 1 && cell.charAt(0) == '\'' && "=+-@\t\r".indexOf(cell.charAt(1)) >= 0 ? cell.substring(1) : cell;
    }
}
