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
 * Chromium's ERR_NETWORK_CHANGED (a network interface of the machine came or went, as when a
 * container starts, and Chromium aborted what was loading) is the machine's, not the page's.
 */
final class BrowserLog {
    private BrowserLog() {
    }

    /** The SEVERE messages logged since the last call, less those {@code expected} matches. */
    static List<String> errors(WebDriver driver, Predicate<String> expected) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(m -> !m.contains("net::ERR_NETWORK_CHANGED"))
                .filter(expected.negate())
                .toList();
    }
}
