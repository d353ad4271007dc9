package lab.grader.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;
import lab.grader.Grading;
import lab.grader.batch.BatchFixtures;
import lab.grader.batch.ClassOverview;
import lab.grader.report.GradeReport;
import lab.grader.rubric.Rubric;
import lab.grader.selftest.SelfGradeTestAccess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The pages in a real browser: headless Chromium driven by Selenium through the system's chromedriver
 * (Debian: {@code apt-get install chromium chromium-driver}; {@code .ci/run} installs both). Pages of a
 * real grading run (the reference solutions and the stubs) and of the fixture (every picture, a
 * Lincheck table, a hang, text with markup from student code) load without console errors, show their
 * pictures at a real size, show a failed check's explanation, and the class overview's links open
 * the students' pages. Screenshots (light, dark, print) go to {@code grader/target/screenshots/}.
 *
 * <p>Skipped, with the reason, where Chromium or chromedriver is missing: the same pages are checked
 * without a browser by {@link ReportPageTest} and {@link ClassOverviewTest}.
 */
class BrowserReportTest {
    private static final Path SHOTS = Path.of(System.getProperty("lab.root", "..")).toAbsolutePath().normalize()
            .resolve("grader/target/screenshots");
    private static ChromeDriver browser;

    private static String find(String env, String... candidates) {
        String given = System.getenv(env);
        if (given != null && Files.isExecutable(Path.of(given))) {
            return given;
        }
        for (String c : candidates) {
            if (Files.isExecutable(Path.of(c))) {
                return c;
            }
        }
        return null;
    }

    @BeforeAll
    static void start() throws Exception {
        String chromium = find("CHROME_BIN", "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
        String driver = find("CHROMEDRIVER", "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
        Assumptions.assumeTrue(chromium != null && driver != null, "Skipped: the browser tests need Chromium and chromedriver "
                + "(Debian: apt-get install chromium chromium-driver; or set CHROME_BIN and CHROMEDRIVER); found chromium="
                + chromium + ", chromedriver=" + driver + ". ReportPageTest checks the pages without a browser.");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        // --no-sandbox: Chromium's own sandbox cannot start as root in a container (CI); the pages run no script anyway.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900",
                "--allow-file-access-from-files");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver)).build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** Opens {@code page}, checks it loaded without console errors and what every report page must show. */
    private static void open(Path page) {
        browser.get(page.toUri().toString());
        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
        assertTrue(errors.isEmpty(), "console errors on " + page + ": " + errors);
        assertFalse(browser.getTitle().isBlank());
    }

    /** Every picture is drawn at a real size and has shapes in it. */
    private static int assertPicturesDrawn() {
        List<WebElement> svgs = browser.findElements(By.cssSelector("svg.pic"));
        for (WebElement svg : svgs) {
            Map<?, ?> box = (Map<?, ?>) ((JavascriptExecutor) browser).executeScript(
                    "const r = arguments[0].getBoundingClientRect(); return {w: r.width, h: r.height,"
                            + " shapes: arguments[0].querySelectorAll('rect, polyline, line').length};", svg);
            assertTrue(((Number) box.get("w")).doubleValue() > 50 && ((Number) box.get("h")).doubleValue() > 30, "drawn: " + box);
            assertTrue(((Number) box.get("shapes")).intValue() > 0, "not empty: " + box);
        }
        return svgs.size();
    }

    /** Full-page screenshots: light, dark (the reader's setting) and as printed. */
    private static void screenshots(String name) throws Exception {
        shot(name + ".png");
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        shot(name + "-dark.png");
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print", "features", List.of()));
        shot(name + "-print.png");
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "", "features", List.of()));
    }

    private static void shot(String file) throws Exception {
        Map<String, Object> png = browser.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "fromSurface", true));
        Files.write(SHOTS.resolve(file), Base64.getDecoder().decode((String) png.get("data")));
    }

    @Test
    void theFixturePageShowsEveryPictureAndFailure(@TempDir Path dir) throws Exception {
        Path page = dir.resolve(ReportPage.FILE);
        ReportPage.write(PageFixtures.report(), page);
        open(page);
        assertTrue(assertPicturesDrawn() >= 5);
        WebElement why = browser.findElement(By.cssSelector("#check-counter-lockSeedCase .why"));
        assertTrue(why.isDisplayed() && why.getText().contains("68,928 updates were lost"), why.getText());
        WebElement wrong = browser.findElement(By.cssSelector("#check-counter-lockLinearizable table.lincheck td.wrong"));
        assertTrue(wrong.isDisplayed(), "the wrong result is marked");
        assertTrue(browser.findElement(By.cssSelector("#check-queue-producerConsumerTerminates .stuck")).isDisplayed());
        // The attack strings are on the page as text, and none of them ran.
        assertEquals(0, browser.findElements(By.tagName("script")).size() + browser.findElements(By.tagName("img")).size());
        assertFalse(browser.getTitle().contains("owned"), browser.getTitle());
        assertTrue(browser.findElement(By.tagName("body")).getText().contains("<script>"), "shown as text");
        screenshots("fixture");
    }

    @Test
    void pagesOfARealGradingRunOfSolutionsAndStubs(@TempDir Path dir) throws Exception {
        // The solutions on the exercises with timelines, CPU bars and the buffer's fill; the stubs on all.
        for (String module : List.of("solutions", "exercises")) {
            Path out = dir.resolve(module);
            Grading grading = new Grading(module, SelfGradeTestAccess.graderClasspath(), List.of(SelfGradeTestAccess.classesOf(module)),
                    Grading.standardFlags(System.getProperty("lab.jvm.flags", "")), Duration.ofMinutes(10), out.resolve("grade"),
                    out.resolve("surefire-reports"));
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            GradeReport report = grading.run(module.equals("solutions") ? Rubric.load().select("threads,queue,pool,parallel,downloads")
                    : Rubric.load().exercises(), new PrintStream(console, true, StandardCharsets.UTF_8));
            String text = console.toString(StandardCharsets.UTF_8);
            Path page = out.resolve("grade").resolve(ReportPage.FILE);
            assertTrue(text.strip().endsWith(page.toAbsolutePath().toUri().toString()), "the console's last line links the page:\n" + text);
            open(page);
            int pictures = assertPicturesDrawn();
            if (module.equals("solutions")) {
                assertEquals(report.maxPoints(), report.points(), text);
                assertTrue(pictures >= 4, "timelines of threads, pool, downloads, the CPU bars, the fill: " + pictures);
            } else {
                List<WebElement> failed = browser.findElements(By.cssSelector("li.check.fail .why"));
                assertFalse(failed.isEmpty());
                assertTrue(failed.get(0).isDisplayed() && failed.get(0).getText().contains("Not written yet"), failed.get(0).getText());
            }
            screenshots(module);
        }
    }

    @Test
    void theClassOverviewLinksOpenTheStudentsPages(@TempDir Path dir) throws Exception {
        Path batch = dir.resolve("batch");
        Files.createDirectories(batch);
        BatchFixtures.write(batch);
        // Real pages for the students (the fixture's), where a batch run writes them.
        GradeReport fixture = PageFixtures.report();
        ReportPage.write(fixture, batch.resolve("ana").resolve(ReportPage.FILE));
        ReportPage.write(fixture, batch.resolve("budi").resolve(ReportPage.FILE));
        Path overview = ClassOverview.write(batch);
        open(overview);
        assertTrue(assertPicturesDrawn() >= 2, "a histogram per exercise");
        screenshots("overview");
        List<String> links = browser.findElements(By.cssSelector("table.students a")).stream().map(a -> a.getAttribute("href"))
                .collect(Collectors.toCollection(ArrayList::new));
        assertEquals(2, links.size(), "ana and budi; not the linked folder");
        for (String link : links) {
            browser.get(link);
            assertTrue(browser.findElement(By.tagName("h1")).getText().contains("fixture"), link);
            browser.navigate().back();
        }
    }
}
