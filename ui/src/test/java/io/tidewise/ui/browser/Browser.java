package io.tidewise.ui.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Selenium, with the few steps the tests repeat on Vaadin's components (whose
 * inputs sit in the light DOM, slotted into the component).
 */
final class Browser implements AutoCloseable {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(40);

    final ChromeDriver driver;
    private final String baseUrl;

    Browser(String baseUrl) {
        this.baseUrl = baseUrl;
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--lang=en-US",
                "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1400, 1000));
    }

    void open(String path) {
        driver.get(baseUrl + path);
    }

    void logIn(String user, String password) {
        open("login");
        WebElement name = waitFor(By.cssSelector("#vaadinLoginUsername input"));
        name.sendKeys(user);
        WebElement secret = driver.findElement(By.cssSelector("#vaadinLoginPassword input"));
        secret.sendKeys(password);
        secret.sendKeys(Keys.ENTER);
        waitFor(By.id("logout"));
    }

    void logOut() {
        driver.manage().deleteAllCookies();
    }

    WebElement waitFor(By locator) {
        return until(ExpectedConditions.visibilityOfElementLocated(locator)::apply);
    }

    void waitUntilText(By locator, String text) {
        until(ExpectedConditions.textToBePresentInElementLocated(locator, text)::apply);
    }

    void waitUntil(java.util.function.Function<ChromeDriver, Boolean> condition) {
        until(webDriver -> condition.apply(driver));
    }

    /** Clicks a component by id after scrolling it to the middle of the window (nothing may cover it). */
    void click(String componentId) {
        click(By.id(componentId));
    }

    /** Clicks what {@code locator} finds, scrolled to the middle of the window, finding it again if it was replaced. */
    void click(By locator) {
        until(webDriver -> {
            WebElement element = ExpectedConditions.visibilityOfElementLocated(locator).apply(webDriver);
            if (element == null) {
                return null;
            }
            script("arguments[0].scrollIntoView({block: 'center'})", element);
            element.click();
            return true;
        });
    }

    /**
     * Waits for a condition, looking again when the node it read left the document: Vaadin replaces components'
     * nodes when it re-renders (a language switch rebuilds every label), and Chrome then reports the old node as
     * "does not belong to the document", which is not the {@link StaleElementReferenceException} waits ignore.
     */
    private <T> T until(java.util.function.Function<org.openqa.selenium.WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).until(webDriver -> {
            try {
                return condition.apply(webDriver);
            } catch (StaleElementReferenceException replaced) {
                return null;
            } catch (WebDriverException e) {
                if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                    return null;
                }
                throw e;
            }
        });
    }

    void type(String componentId, String text) {
        WebElement input = waitFor(By.cssSelector("#" + componentId + " input, #" + componentId + " textarea"));
        input.clear();
        input.sendKeys(text);
        input.sendKeys(Keys.TAB); // commits the value to the server
    }

    /** The text of every cell of a grid, in order (headers included). */
    List<String> gridCells(String gridId) {
        return driver.findElements(By.cssSelector("#" + gridId + " vaadin-grid-cell-content")).stream()
                .map(WebElement::getText).toList();
    }

    /** Makes the page see {@code prefers-color-scheme: scheme} (dark or light), as a user's system setting would. */
    void preferColorScheme(String scheme) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("features",
                List.of(java.util.Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    Object script(String javascript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save screenshot " + name, e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
