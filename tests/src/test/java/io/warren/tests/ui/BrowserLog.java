package io.warren.tests.ui;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Level;

/**
 * The browser console's errors since the last look: uncaught exceptions, failed requests and
 * Content-Security-Policy refusals are all logged at SEVERE. Reading the log empties it.
 */
final class BrowserLog {
    private BrowserLog() {
    }

    /** The SEVERE messages logged since the last call, less those {@code expected} matches. */
    static List<String> errors(WebDriver driver, Predicate<String> expected) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(expected.negate())
                .toList();
    }
}
