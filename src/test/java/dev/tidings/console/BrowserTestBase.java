package dev.tidings.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidings.app.TestServer;
import dev.tidings.config.ServerConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What every console browser test shares: one headless Chromium and one seeded server per test class,
 * a fresh signed-out tab per test, no secret in the URL or the browser's log after it, and the steps a
 * user takes (sign in, go to a screen, wait for a text).
 */
abstract class BrowserTestBase {
    static Chromium chromium;
    static TestServer server;
    WebDriverWait wait;

    @BeforeAll
    static void startBrowserAndServer() {
        // Destinations may reach the test's own receivers on 127.0.0.1 (as the destinations tests allow).
        server = TestServer.start(true, new ServerConfig.Destinations(true, ServerConfig.Destinations.DEFAULT_DISABLE_AFTER, null));
        chromium = Chromium.start();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void freshTab() {
        wait = new WebDriverWait(chromium.driver, Duration.ofSeconds(15));
        chromium.desktop();
        open(server, "");
        js("sessionStorage.clear()");
        open(server, "");
    }

    @AfterEach
    void noSecretInTheUrlOrTheBrowserLog() {
        String url = chromium.driver.getCurrentUrl();
        assertThat(url).doesNotContain(TestServer.ROOT_TOKEN);
        for (LogEntry e : chromium.driver.manage().logs().get(LogType.BROWSER)) {
            assertThat(e.getMessage()).doesNotContain(TestServer.ROOT_TOKEN).doesNotContain("Content Security Policy");
        }
    }

    // --- helpers ---

    void open(TestServer s, String hash) {
        chromium.driver.get(s.baseUrl() + "/console/" + hash);
    }

    void go(String hash) {
        js("location.hash = arguments[0]", hash);
    }

    void signIn(String token) {
        WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("token")));
        field.clear();
        field.sendKeys(token);
        enter(field);
    }

    void signInTo(String org) {
        signIn(TestServer.ROOT_TOKEN);
        click(By.linkText("Open " + org));
        waitForText(By.tagName("h1"), "Event definitions");
    }

    void addAttribute(String name, String type, boolean required, boolean unique, String values) {
        click(By.xpath("//button[text()='Add attribute']"));
        List<WebElement> sets = chromium.driver.findElements(By.cssSelector("fieldset.attr"));
        WebElement last = sets.get(sets.size() - 1);
        last.findElement(By.cssSelector("[data-k=name]")).sendKeys(name);
        new Select(last.findElement(By.cssSelector("[data-k=type]"))).selectByValue(type);
        List<WebElement> boxes = last.findElements(By.cssSelector("input[type=checkbox]"));
        if (required) {
            boxes.get(0).click();
        }
        if (unique) {
            boxes.get(1).click();
        }
        if (values != null) {
            last.findElement(By.cssSelector("[data-k=values]")).sendKeys(values);
        }
    }

    /** Live screens re-render on their own timers: an element gone stale between find and click is found again. */
    void click(By by) {
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            WebElement element = ExpectedConditions.elementToBeClickable(by).apply(d);
            if (element == null) {
                return false;
            }
            element.click();
            return true;
        });
    }

    void waitForText(By by, String text) {
        try {
            wait.ignoring(StaleElementReferenceException.class).until(d -> {
                List<WebElement> found = d.findElements(by);
                return found.stream().anyMatch(e -> e.getText().contains(text));
            });
        } catch (TimeoutException e) {
            throw new AssertionError("no " + by + " showed \"" + text + "\"; the page showed:\n"
                    + chromium.driver.findElement(By.tagName("body")).getText(), e);
        }
    }

    /** Enter in a field, as a keyboard user submits a form. */
    void enter(WebElement field) {
        field.sendKeys(Keys.ENTER);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) chromium.driver).executeScript(script, args);
    }
}
