package lab.grader.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lab.grader.batch.BatchFixtures;
import lab.grader.batch.ClassOverview;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The class overview, parsed back: a row per student with a link to their page, histograms, the most failed checks. */
@org.junit.jupiter.api.Tag(lab.grader.selftest.SideBySide.TAG)
class ClassOverviewTest {

    @Test
    void aRowPerStudentHistogramsAndTheChecksMostFailed(@TempDir Path batch) throws Exception {
        BatchFixtures.write(batch);
        Path file = ClassOverview.write(batch);
        String html = Files.readString(file, StandardCharsets.UTF_8);
        Document d = Jsoup.parse(html);
        assertTrue(d.select("script, img, link").isEmpty(), "self-contained, runs nothing");
        List<Element> rows = d.select("table.students tbody tr");
        assertEquals(3, rows.size());
        Element ana = rows.get(0);
        assertEquals("ana", ana.child(0).text());
        assertEquals("ana/report.html", ana.selectFirst("a").attr("href"));
        // a student folder that is a symbolic link is neither read nor linked
        Element linked = rows.stream().filter(r -> r.child(0).text().equals("linked")).findFirst().orElseThrow();
        assertTrue(linked.select("a").isEmpty(), linked.outerHtml());
        assertFalse(d.select("svg").isEmpty());
        for (Element svg : d.select("svg")) {
            assertFalse(svg.select("> title").text().isBlank());
            assertFalse(svg.select("> desc").text().isBlank());
        }
        Element failed = d.selectFirst("table.failed");
        List<String> first = failed.select("tbody tr").get(0).select("td").eachText();
        assertEquals(List.of("counter: LockCounter 2 x 100,000", "2 / 3"), first);
        assertTrue(d.text().contains(BatchFixtures.ATTACK), "a check name with markup is text");
        assertTrue(d.select("[onerror]").isEmpty());
        assertTrue(Map.of().isEmpty());
    }
}
