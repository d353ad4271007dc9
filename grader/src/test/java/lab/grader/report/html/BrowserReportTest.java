package lab.grader.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import lab.grader.batch.BatchFixtures;
import lab.grader.batch.ClassOverview;
import lab.grader.report.GradeReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The pages in a real browser: headless Chromium driven by Selenium through the system's chromedriver
 * (Debian: {@code apt-get install chromium chromium-driver}; {@code .ci/run} installs both). The
 * fixture page (every picture, a Lincheck table, a hang, text with markup from student code) loads
 * without console errors, shows its pictures at a real size and a failed check's explanation, and the
 * class overview's links open the students' pages. Screenshots (light, dark, print) go to
 * {@code grader/target/screenshots/}. The pages of a real grading run (the reference solutions and the
 * stubs) are loaded by {@code lab.grader.selftest.SelfGradeTest}, from the runs it grades anyway.
 *
 * <p>Skipped, with the reason, where Chromium or chromedriver is missing: the same pages are checked
 * without a browser by {@link ReportPageTest} and {@link ClassOverviewTest}.
 *
 * <p>Side by side: these pages are written from fixtures, nothing here is graded or timed.
 */
@org.junit.jupiter.api.Tag(lab.grader.selftest.SideBySide.TAG)
class BrowserReportTest {
    private static Browser browser;
    private static ChromeDriver driver;

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.start();
        driver = browser.driver();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theFixturePageShowsEveryPictureAndFailure(@TempDir Path dir) throws Exception {
        Path page = dir.resolve(ReportPage.FILE);
        ReportPage.write(PageFixtures.report(), page);
        browser.open(page);
        assertTrue(browser.assertPicturesDrawn() >= 5);
        WebElement why = driver.findElement(By.cssSelector("#check-counter-lockSeedCase .why"));
        assertTrue(why.isDisplayed() && why.getText().contains("68,928 updates were lost"), why.getText());
        WebElement wrong = driver.findElement(By.cssSelector("#check-counter-lockLinearizable table.lincheck td.wrong"));
        assertTrue(wrong.isDisplayed(), "the wrong result is marked");
        assertTrue(driver.findElement(By.cssSelector("#check-queue-producerConsumerTerminates .stuck")).isDisplayed());
        // The attack strings are on the page as text, and none of them ran.
        assertEquals(0, driver.findElements(By.tagName("script")).size() + driver.findElements(By.tagName("img")).size());
        assertFalse(driver.getTitle().contains("owned"), driver.getTitle());
        assertTrue(driver.findElement(By.tagName("body")).getText().contains("<script>"), "shown as text");
        browser.screenshots("fixture");
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
        browser.open(overview);
        assertTrue(browser.assertPicturesDrawn() >= 2, "a histogram per exercise");
        browser.screenshots("overview");
        List<String> links = driver.findElements(By.cssSelector("table.students a")).stream().map(a -> a.getAttribute("href"))
                .collect(Collectors.toCollection(ArrayList::new));
        assertEquals(2, links.size(), "ana and budi; not the linked folder");
        for (String link : links) {
            driver.get(link);
            assertTrue(driver.findElement(By.tagName("h1")).getText().contains("fixture"), link);
            driver.navigate().back();
        }
    }
}
