package lab.grader.report.html;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
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
 * Headless Chromium driven by Selenium through the system's chromedriver, for the tests that look at
 * report pages in a real browser ({@link BrowserReportTest}, and {@code SelfGradeTest}, which loads the
 * pages of its own grading runs). Skips the calling test, saying why, where Chromium or chromedriver is
 * missing.
 */
public final class Browser implements AutoCloseable {
    private static final Path SHOTS = Path.of(System.getProperty("lab.root", "..")).toAbsolutePath().normalize()
            .resolve("grader/target/screenshots");
    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

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

    /** Starts the browser, or skips the test (an assumption) where it cannot. */
    public static Browser start() throws Exception {
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
        Browser browser = new Browser(new ChromeDriver(service, options));
        Files.createDirectories(SHOTS);
        return browser;
    }

    /** The driver, for what a test looks for on the page. */
    public ChromeDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.quit();
    }

    /** Opens {@code page}, checks it loaded without console errors and what every report page must show. */
    public void open(Path page) {
        driver.get(page.toUri().toString());
        List<LogEntry> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
        assertTrue(errors.isEmpty(), "console errors on " + page + ": " + errors);
        assertFalse(driver.getTitle().isBlank());
    }

    /** Every picture is drawn at a real size and has shapes in it; returns how many there are. */
    public int assertPicturesDrawn() {
        List<WebElement> svgs = driver.findElements(By.cssSelector("svg.pic"));
        for (WebElement svg : svgs) {
            Map<?, ?> box = (Map<?, ?>) ((JavascriptExecutor) driver).executeScript(
                    "const r = arguments[0].getBoundingClientRect(); return {w: r.width, h: r.height,"
                            + " shapes: arguments[0].querySelectorAll('rect, polyline, line').length};", svg);
            assertTrue(((Number) box.get("w")).doubleValue() > 50 && ((Number) box.get("h")).doubleValue() > 30, "drawn: " + box);
            assertTrue(((Number) box.get("shapes")).intValue() > 0, "not empty: " + box);
        }
        return svgs.size();
    }

    /** Full-page screenshots in {@code grader/target/screenshots/}: light, dark (the reader's setting) and as printed. */
    public void screenshots(String name) throws Exception {
        shot(name + ".png");
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        shot(name + "-dark.png");
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print", "features", List.of()));
        shot(name + "-print.png");
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "", "features", List.of()));
    }

    private void shot(String file) throws Exception {
        Map<String, Object> png = driver.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "fromSurface", true));
        Files.write(SHOTS.resolve(file), Base64.getDecoder().decode((String) png.get("data")));
    }
}
