package io.warren.tests.ui;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's Chromium driven through Debian's chromedriver, headless, as the UI tests use it: one
 * browser per test class, saving downloads without asking in a temporary directory of its own.
 * Both programs are named explicitly so that Selenium Manager never tries to download a browser
 * or a driver (CI has no internet).
 */
final class HeadlessChromium implements AutoCloseable {
    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private final WebDriver driver;
    private final Path downloads;

    private HeadlessChromium(WebDriver driver, Path downloads) {
        this.driver = driver;
        this.downloads = downloads;
    }

    /** Starts a browser; skips the calling test where the browser or its driver is not installed. */
    static HeadlessChromium start() {
        assumeTrue(Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER), "needs " + BROWSER + " and " + DRIVER);
        Path downloads;
        try {
            downloads = Files.createTempDirectory("warren-ui-downloads");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, DRIVER.toString());
        ChromeOptions options = new ChromeOptions()
                .setBinary(BROWSER.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1440,1000");
        // The browser's console messages, so that tests can see errors and Content-Security-Policy violations.
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        try {
            return new HeadlessChromium(new ChromeDriver(service, options), downloads);
        } catch (RuntimeException e) {
            downloads.toFile().delete();
            throw e;
        }
    }

    WebDriver driver() {
        return driver;
    }

    /** Where the browser saves what it downloads. */
    Path downloads() {
        return downloads;
    }

    /** Opens the console at {@code base} and logs in, waiting until it shows the user signed in. */
    Console logIn(URI base, String user, String password) {
        Console console = new Console(driver, base);
        console.logIn(user, password);
        console.visible(By.id("signed-in-user"));
        return console;
    }

    /** Asserts that the browser logged no error since the last look, other than {@code expected} ones. */
    void assertNoErrors(Predicate<String> expected) {
        List<String> errors = BrowserLog.errors(driver, expected);
        assertTrue(errors.isEmpty(), String.join("\n", errors));
    }

    /** Quits the browser and deletes its downloads. */
    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(downloads)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
