package io.contactsync.console;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium, headless, driven through /usr/bin/chromedriver (Selenium Manager downloads nothing here) with a
 * fresh profile. Screenshots are written only when asked for: {@code -Dconsole-screenshots=docs/console} or
 * {@code CONSOLE_SCREENSHOTS=docs/console}.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final int DESKTOP_WIDTH = 1280;
    static final int PHONE_WIDTH = 390;

    final ChromeDriver driver;
    private final String baseUrl;
    private final Path profile;
    private final Path screenshots;

    private ConsoleBrowser(String baseUrl) throws IOException {
        this.baseUrl = baseUrl;
        this.profile = Files.createTempDirectory("console-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=" + DESKTOP_WIDTH + ",900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        String dir = System.getProperty("console-screenshots", System.getenv("CONSOLE_SCREENSHOTS"));
        this.screenshots = dir == null || dir.isBlank() ? null : Files.createDirectories(Path.of(dir));
    }

    /**
     * Skips the calling tests when chromium or chromedriver is missing, except with {@code CI=true}: there they must
     * run, so a missing browser fails them.
     */
    static void assumeInstalled() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String install = "apt-get install -y chromium chromium-driver";
        if (!installed && "true".equals(System.getenv("CI"))) {
            fail("CI=true and " + CHROMIUM + " or " + CHROMEDRIVER + " is missing: the console's browser tests must run"
                    + " (" + install + "; .ci/run does it)");
        }
        Assumptions.assumeTrue(installed, "console browser tests skipped: " + CHROMIUM + " or " + CHROMEDRIVER
                + " is missing (" + install + ")");
    }

    static ConsoleBrowser open(String baseUrl) {
        try {
            return new ConsoleBrowser(baseUrl);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void go(String path) {
        driver.get(baseUrl + path);
    }

    String path() {
        return driver.getCurrentUrl().substring(baseUrl.length());
    }

    /** The element, waiting for it: a click that submits a form may return before the next page has loaded. */
    WebElement find(By by) {
        return await(d -> d.findElement(by));
    }

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /**
     * Waits up to 30 s for the condition, across the page's own reloads: an element gone stale, or (Chromium's other
     * word for it) a node that "does not belong to the document" any more, is looked up again at the next poll.
     */
    <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).pollingEvery(Duration.ofMillis(200))
                .ignoring(NoSuchElementException.class).ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    try {
                        return condition.apply(d);
                    } catch (WebDriverException e) {
                        if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                            return null;
                        }
                        throw e;
                    }
                });
    }

    /** How wide the current page lays out in a viewport {@code width} px wide (wider: it scrolls sideways). */
    int layoutWidthAt(int width) {
        emulate(width, 900, width < 800);
        try {
            return ((Number) driver.executeScript("return document.documentElement.scrollWidth")).intValue();
        } finally {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    /** The whole page at 1280 px wide as {@code <name>.png}, when screenshots were asked for. */
    void screenshot(String name) {
        screenshot(name, DESKTOP_WIDTH);
    }

    void screenshot(String name, int width) {
        if (screenshots == null) {
            return;
        }
        boolean phone = width < 800;
        emulate(width, 900, phone);
        Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight");
        emulate(width, Math.min(height.intValue(), 4000), phone);
        try {
            Files.write(screenshots.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    private void emulate(int width, int height, boolean mobile) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
