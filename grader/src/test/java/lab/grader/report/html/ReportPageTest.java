package lab.grader.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lab.grader.harness.Events;
import lab.grader.report.GradeReport;
import lab.grader.rubric.Rubric;
import lab.grader.run.CheckResult;
import lab.grader.run.ExerciseResult;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report page without a browser: written, then parsed back with jsoup as a browser would parse
 * it. Self-contained, every picture with its text alternative, the failures explained, the student's
 * text inert.
 */
@org.junit.jupiter.api.Tag(lab.grader.selftest.SideBySide.TAG)
class ReportPageTest {
    private static GradeReport report;
    private static Document page;
    private static String html;

    @BeforeAll
    static void write(@TempDir Path dir) throws Exception {
        report = PageFixtures.report();
        Path file = dir.resolve(ReportPage.FILE);
        ReportPage.write(report, file);
        html = Files.readString(file, StandardCharsets.UTF_8);
        page = Jsoup.parse(html);
        // What a page costs, for the reader of the test log (no assertion: timings are not tested).
        long[] nanos = new long[20];
        for (int i = 0; i < nanos.length; i++) {
            long t0 = System.nanoTime();
            ReportPage.write(report, dir.resolve("again.html"));
            nanos[i] = System.nanoTime() - t0;
        }
        java.util.Arrays.sort(nanos);
        System.out.printf("report page: %d bytes, written in %.1f ms (median of 20, fastest %.1f ms)%n", html.length(),
                nanos[10] / 1e6, nanos[0] / 1e6);
    }

    @Test
    void isOneSelfContainedFileThatLoadsAndRunsNothing() {
        assertTrue(page.select("script").isEmpty(), "no script at all");
        assertTrue(page.select("link, img, iframe, object, embed, audio, video, source").isEmpty(), "nothing loaded from anywhere");
        assertTrue(page.select("[src]").isEmpty(), "no src attribute");
        for (Element a : page.select("a[href]")) {
            assertTrue(a.attr("href").startsWith("#"), "only links inside the page: " + a.attr("href"));
        }
        assertFalse(html.contains("url("), "no url() in the style sheet");
        Element csp = page.selectFirst("meta[http-equiv=Content-Security-Policy]");
        assertNotNull(csp);
        assertTrue(csp.attr("content").startsWith("default-src 'none'"), csp.attr("content"));
        String css = page.select("style").html();
        assertTrue(css.contains("prefers-color-scheme:dark"), "dark mode");
        assertTrue(css.contains("@media print"), "print style");
    }

    @Test
    void everyPictureHasATitleAndADescription() {
        Elements svgs = page.select("svg");
        assertTrue(svgs.size() >= 5, "two timelines, counts, fill, CPU: " + svgs.size());
        for (Element svg : svgs) {
            Element title = svg.selectFirst("> title");
            Element desc = svg.selectFirst("> desc");
            assertTrue(title != null && !title.text().isBlank(), "title in " + svg.attr("aria-labelledby"));
            assertTrue(desc != null && !desc.text().isBlank(), "desc in " + svg.attr("aria-labelledby"));
            assertEquals("img", svg.attr("role"));
            assertFalse(svg.select("rect, polyline").isEmpty(), "not empty: " + title.text());
        }
    }

    @Test
    void headerShowsTotalDateKitJdkCoresAndLoad() {
        Element header = page.selectFirst("header.top");
        String text = header.text();
        assertTrue(text.contains(report.points() + " of " + report.maxPoints()), text);
        for (String s : List.of("2026-01-01T10:00:00Z", "1.0-test", "17.0.15 (Test)", "Cores the JVM saw", "0.40 - 1.20")) {
            assertTrue(text.contains(s), s + " in " + text);
        }
    }

    @Test
    void everyCheckIsListedByItsSentenceWithPointsAndVerdict() {
        int checks = report.exercises().stream().mapToInt(e -> e.checks().size()).sum();
        assertEquals(checks, page.select("li.check").size());
        ExerciseResult counter = report.exercises().get(1);
        CheckResult lockSeed = counter.checks().stream().filter(c -> c.id().equals("lockSeedCase")).findFirst().orElseThrow();
        Element li = page.getElementById("check-counter-lockSeedCase");
        assertTrue(li.hasClass("fail"));
        assertTrue(li.text().contains(GradeReport.title(counter, lockSeed)), li.text());
        assertTrue(li.text().contains("failed") && li.text().contains("0 of 1 point"), li.text());
        assertTrue(li.select(".why").text().contains("68,928 updates were lost"), "the whole explanation");
        assertTrue(page.getElementById("check-counter-synchronizedSeedCase").text().contains("passed"));
    }

    @Test
    void aFailedPropertyGivesItsReplayCommand() {
        Element replay = page.getElementById("check-counter-lockExactProperty").selectFirst(".replay code");
        assertNotNull(replay);
        assertEquals("mvn verify -Dexercise=counter -Dseed=1988980549", replay.text());
    }

    @Test
    void theStudentsFramesComeFirstAndTheRestIsFolded() {
        Element why = page.getElementById("check-threads-runAllRethrowsAfterAll").selectFirst(".why");
        Element mine = why.selectFirst("pre.mine");
        Element other = why.selectFirst("details.frames");
        assertNotNull(mine);
        assertTrue(mine.text().contains("lab.threads.Threads.runAllAndWait(Threads.java:42)"));
        assertNotNull(other);
        assertTrue(mine.siblingIndex() < other.siblingIndex(), "the student's frames before the others");
        assertTrue(other.text().contains("java.lang.Thread.run"));
    }

    @Test
    void aLincheckFailureIsATableWithAColumnPerThreadAndTheWrongResultMarked() {
        Element li = page.getElementById("check-counter-lockLinearizable");
        Element table = li.selectFirst("table.lincheck[data-series=lincheck]");
        assertNotNull(table, li.html());
        List<String> heads = table.select("thead th").eachText();
        assertEquals(List.of("Thread 1", "Thread 2"), heads);
        Elements wrong = table.select("td.wrong");
        assertEquals(1, wrong.size(), table.outerHtml());
        assertTrue(wrong.text().contains("wrong"), wrong.text());
        assertNotNull(li.selectFirst("table.lincheck[data-series=lincheck.interleaving]"), "the interleaving too");
    }

    @Test
    void aHangShowsTheStuckThreadsWithTheirStacks() {
        Element stuck = page.getElementById("check-queue-producerConsumerTerminates").selectFirst(".stuck");
        assertNotNull(stuck);
        assertTrue(stuck.text().contains("lab-deadlock-two"), stuck.text());
        assertTrue(stuck.text().contains("deadlock"), "the JVM's deadlock finding");
        assertTrue(stuck.select("h4").size() >= 2, "each stuck thread");
        assertFalse(stuck.select("pre").isEmpty(), "with its stack");
    }

    @Test
    void textFromStudentCodeIsInert() {
        // The thread name and the message carry <script> and <img onerror>: on the page they are text.
        assertTrue(page.select("script, img").isEmpty());
        assertTrue(page.select("[onerror]").isEmpty());
        assertTrue(page.text().contains(PageFixtures.ATTACK), "shown as the text it is");
        assertTrue(page.select("svg").text().contains("<script>") || page.select("svg title").eachText().stream()
                .anyMatch(t -> t.contains("<script>")), "a thread name with markup is a label in the timeline");
        assertFalse(html.contains("<script"), "never raw in the file");
    }

    @Test
    void picturesAreDrawnFromTheRecordedEvents() {
        Element pool = page.getElementById("ex-pool");
        Element timeline = pool.selectFirst("svg");
        assertTrue(timeline.selectFirst("desc").text().contains("8 tasks"), timeline.selectFirst("desc").text());
        assertEquals(16, timeline.select("rect.seq, rect.con").size(), "8 sequential and 8 concurrent calls");
        Element threads = page.getElementById("ex-threads");
        assertEquals(1, threads.select("rect.wait").size(), "the caller's wait");
        Element counter = page.getElementById("ex-counter");
        assertTrue(counter.selectFirst("svg desc").text().contains("lost 68,928 updates"), counter.selectFirst("svg desc").text());
        Element queue = page.getElementById("ex-queue");
        assertNotNull(queue.selectFirst("svg polyline.fill"));
        Element parallel = page.getElementById("ex-parallel");
        assertTrue(parallel.selectFirst("svg desc").text().contains("2.73x"), parallel.selectFirst("svg desc").text());
    }

    @Test
    void aFloodOfThreadsDrawsABoundedPicture() throws Exception {
        // 5,000 tasks on 5,000 threads, as a thread flood would record them: the events are capped where
        // they are recorded, and the page draws a bounded number of lanes.
        Events.drain();
        lab.grader.harness.Timeline t = new lab.grader.harness.Timeline("timeline.concurrent");
        for (int i = 0; i < 5000; i++) {
            t.exit(t.enter(), "flood-" + i);
        }
        t.publish();
        List<Events.Event> events = Events.drain();
        assertTrue(events.size() <= Events.MAX_PER_SERIES, "bounded: " + events.size());
        var spec = Rubric.load().select("threads").get(0);
        List<CheckResult> checks = new ArrayList<>();
        spec.checks().forEach(c -> checks.add(new CheckResult(c.id(), true, null, null, "", 1)));
        ExerciseResult e = new ExerciseResult(spec, checks, java.util.Map.of(), null, false, "", 1,
                java.util.Map.of("runAllRunsAtOnce", events));
        Document d = ReportPage.render(new GradeReport("flood", List.of(e), 1));
        Element svg = d.selectFirst("svg");
        assertTrue(svg.select("rect").size() <= 16, "at most 16 lanes drawn: " + svg.select("rect").size());
        assertTrue(svg.text().contains("more lanes not drawn"), svg.text());
    }

    @Test
    void inIndonesianWithLangId() throws Exception {
        String before = System.getProperty("lang");
        System.setProperty("lang", "id");
        try {
            Document d = ReportPage.render(report);
            assertEquals("id", d.selectFirst("html").attr("lang"));
            assertTrue(d.text().contains("Dinilai pada"), "header in Indonesian");
            assertTrue(d.text().contains("lulus") && d.text().contains("gagal"));
        } finally {
            System.setProperty("lang", before == null ? "en" : before);
        }
    }
}
