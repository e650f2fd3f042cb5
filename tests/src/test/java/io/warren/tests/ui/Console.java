package io.warren.tests.ui;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.pagefactory.ByChained;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * The management console as a user sees it in the browser: log in, go to a page, fill in and
 * submit forms, and wait for what the page shows. Every wait is explicit; nothing sleeps.
 *
 * <p>Used from the test thread only.
 */
final class Console {
    // The overview and lists refresh every 5 s; a chart needs two polls to have two points.
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final WebDriver driver;
    private final URI base;

    Console(WebDriver driver, URI base) {
        this.driver = driver;
        this.base = base;
    }

    /** Opens the console signed out. */
    void openSignedOut() {
        driver.get(base.toString());
        ((JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
        driver.navigate().refresh();
        visible(By.id("login-user"));
    }

    void logIn(String user, String password) {
        openSignedOut();
        type(By.id("login-user"), user);
        type(By.id("login-password"), password);
        driver.findElement(By.id("login-button")).click();
    }

    /** Goes to a route such as {@code "#/queues"} and waits for the page to render. */
    void go(String hash) {
        driver.get(base.resolve("/" + hash).toString());
        visible(By.cssSelector("#outlet .page h1"));
    }

    WebElement visible(By by) {
        return until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void type(By by, String text) {
        WebElement el = visible(by);
        el.clear();
        el.sendKeys(text);
    }

    /** Replaces the text of a form control named {@code name} inside {@code form}. */
    void fill(By form, String name, String text) {
        type(new ByChained(form, By.name(name)), text);
    }

    void choose(By form, String name, String value) {
        new Select(visible(new ByChained(form, By.name(name)))).selectByValue(value);
    }

    void click(By by) {
        until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    /** Accepts the console's own confirmation dialog. */
    void confirm() {
        click(By.cssSelector("dialog[open] button[data-confirm]"));
        until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("dialog[open]")));
    }

    void waitForText(By by, String text) {
        until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    <T> T waitFor(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, PATIENCE).withMessage(() -> what + errorsShown()).until(condition);
    }

    private <T> T until(ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, PATIENCE).withMessage(() -> condition + errorsShown()).until(condition);
    }

    // When a wait fails, the console's error notices (an API's "reason") usually say why.
    private String errorsShown() {
        List<WebElement> errors = driver.findElements(By.cssSelector("#notices .notice.error span"));
        return errors.isEmpty() ? "" : "; the console shows: "
                + String.join(" | ", errors.stream().map(WebElement::getText).toList());
    }

    String text(By by) {
        return visible(by).getText();
    }

    /** The value in the row headed {@code key} of the key-value table in element {@code table}. */
    String row(String table, String key) {
        return text(By.xpath("//div[@id='" + table + "']//tr[th='" + key + "']/td"));
    }

    List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    /**
     * The points of the series {@code label} of the chart drawn on canvas {@code canvasId}, as
     * [x (epoch ms), y]; null while there is no such chart or series.
     */
    @SuppressWarnings("unchecked")
    List<List<Number>> chartSeries(String canvasId, String label) {
        return (List<List<Number>>) script("const c = Chart.getChart(document.getElementById(arguments[0]));"
                + " if (!c) return null; const d = c.data.datasets.find(s => s.label === arguments[1]);"
                + " return d ? d.data.map(p => [p.x, p.y]) : null;", canvasId, label);
    }

    /** True when the series {@code label} of the chart on canvas {@code canvasId} has a point above zero. */
    boolean chartAboveZero(String canvasId, String label) {
        List<List<Number>> points = chartSeries(canvasId, label);
        return points != null && points.stream().anyMatch(p -> p.get(1).doubleValue() > 0);
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }
}
