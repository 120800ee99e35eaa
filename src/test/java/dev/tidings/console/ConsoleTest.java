package dev.tidings.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tidings.app.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The console in a real headless Chromium against the real server on 127.0.0.1: what a new user does
 * without curl (sign in, define an event, create a webhook, send a test event, publish, watch the
 * requests arrive, read a timeline), and the states a user must be told about (an expired token, a
 * server that went away).
 */
class ConsoleTest extends BrowserTestBase {

    @Test
    void signsInWithTheRootTokenPicksAnOrgAndSignsOut() {
        WebElement token = wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("token")));
        chromium.screenshot("sign-in-desktop");
        token.sendKeys("not-a-real-token-at-all");
        enter(token);
        waitForText(By.cssSelector("main [role=alert]"), "not accepted");

        signIn(TestServer.ROOT_TOKEN);
        waitForText(By.tagName("h1"), "Choose an org");
        WebElement open = wait.until(ExpectedConditions.elementToBeClickable(By.linkText("Open default")));
        chromium.screenshot("org-picker-desktop");
        open.click();
        waitForText(By.cssSelector("main table"), "be_reserved");
        assertThat(js("return sessionStorage.getItem('tidings.token')")).isEqualTo(TestServer.ROOT_TOKEN);

        chromium.driver.findElement(By.id("sign-out")).click();
        waitForText(By.id("signin-reason"), "signed out");
        assertThat(js("return sessionStorage.getItem('tidings.token')")).isNull();
        assertThat(js("return localStorage.length")).isEqualTo(0L);
    }

    @Test
    void aNewUserDefinesAnEventCreatesAWebhookTestsPublishesAndWatchesRequestsLive() {
        signInTo("default");
        // 1. an event definition, every rule set through the designer
        go("#/o/default/events/new");
        WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("name")));
        name.sendKeys("review_written");
        new Select(chromium.driver.findElement(By.xpath("//label[text()='Identifier type (CUSTOMER)']/following-sibling::select")))
                .selectByValue("EMAIL");
        chromium.driver.findElement(By.cssSelector("[data-k=name]")).clear();
        chromium.driver.findElement(By.cssSelector("[data-k=name]")).sendKeys("email");
        addAttribute("review_id", "STRING", true, true, null);
        addAttribute("stars", "INTEGER", true, false, null);
        addAttribute("hotel", "ENUM", true, false, "paris, rome");
        chromium.screenshot("event-designer-new-desktop");
        click(By.xpath("//button[text()='Create definition']"));
        waitForText(By.tagName("h1"), "Event review_written");
        waitForText(By.id("definition-status"), "NOT_VERIFIED");
        assertThat(chromium.driver.findElement(By.id("publish")).isEnabled()).isFalse();
        JsonNode stored = server.root("GET", "/api/v1/orgs/default/events/review_written", null).json();
        assertThat(stored.at("/attributes/1/uniqueKey").asBoolean()).isTrue();
        assertThat(stored.at("/attributes/0/identifierType").asText()).isEqualTo("EMAIL");
        assertThat(stored.at("/attributes/3/values").toString()).isEqualTo("[\"paris\",\"rome\"]");

        // 2. a webhook: its credential is shown once, and not again in the list
        go("#/o/default/webhooks");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("name"))).sendKeys("reviews site");
        click(By.xpath("//button[text()='Create webhook']"));
        String credential = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#secret-out .secret-value"))).getText();
        chromium.screenshot("webhooks-credential-once-desktop");
        String webhookId = server.root("GET", "/api/v1/orgs/default/webhooks", null).json().at("/items").findValuesAsText("id")
                .stream().filter(id -> !id.equals(TestServer.SEED_WEBHOOK)).findFirst().orElseThrow();
        assertThat(server.postEvent(webhookId, credential, "{}").status()).as("the shown credential works").isEqualTo(400);
        go("#/o/default/events");
        go("#/o/default/webhooks");
        waitForText(By.cssSelector("main table"), "reviews site");
        assertThat(chromium.driver.findElement(By.tagName("main")).getText()).doesNotContain(credential);

        // 3. a test event sent from the designer verifies the draft; Publish comes on without a reload
        go("#/o/default/events/review_written");
        WebElement send = wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[text()='Send event']")));
        Object marker = js("window.__noReload = true; return true");
        assertThat(marker).isEqualTo(true);
        chromium.screenshot("event-designer-desktop");
        send.click();
        waitForText(By.id("test-out"), "1100");
        wait.until(d -> d.findElement(By.id("publish")).isEnabled());
        click(By.id("publish"));
        waitForText(By.id("definition-status"), "PUBLISHED");
        assertThat(js("return window.__noReload === true")).as("the page was never reloaded").isEqualTo(true);

        // 4. events posted by a brand's system appear live, every one of them
        go("#/o/default/live");
        waitForText(By.id("live-info"), "shown");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            TestServer.Answer a = server.postEvent(webhookId, credential, "{\"event_name\":\"review_written\",\"email\":\"jane" + i
                    + "@example.com\",\"review_id\":\"r-" + i + "\",\"stars\":\"" + (i % 5 + 1) + "\",\"hotel\":\"rome\"}");
            assertThat(a.status()).isEqualTo(200);
            ids.add(a.json().get("requestId").asText());
        }
        String rejected = server.postEvent(webhookId, credential,
                "{\"event_name\":\"review_written\",\"email\":\"x@example.com\",\"review_id\":\"r-x\",\"stars\":4.5,\"hotel\":\"rome\"}")
                .json().get("requestId").asText();
        ids.add(rejected);
        wait.until(d -> ids.stream().allMatch(id -> !d.findElements(By.cssSelector("tr[data-request='" + id + "']")).isEmpty()));
        chromium.screenshot("live-requests-desktop");
        chromium.phone();
        chromium.screenshot("live-requests-phone");
        chromium.desktop();

        // 5. the rejected one's timeline: its states, errors and the body sent
        click(By.cssSelector("tr[data-request='" + rejected + "'] a"));
        waitForText(By.id("request-status"), "REJECTED");
        String page = chromium.driver.findElement(By.tagName("main")).getText();
        assertThat(page).contains("stars").contains("WRONG_TYPE");
        if (server.root("GET", "/api/v1/orgs/default/requests/" + rejected, null).json().has("body")) {
            assertThat(page).as("the body sent, when the server keeps it").contains("\"stars\": 4.5");
        }
        // 6. a processed one's: customer and unique key
        go("#/o/default/requests/" + ids.get(0));
        waitForText(By.id("request-status"), "PROCESSED");
        waitForText(By.tagName("main"), "EMAIL jane0@example.com");
        assertThat(chromium.driver.findElement(By.tagName("main")).getText()).containsPattern("Unique key\\s+[0-9a-f]{32}");
        chromium.screenshot("request-timeline-desktop");
        chromium.phone();
        chromium.screenshot("request-timeline-phone");
    }

    @Test
    void searchFindsARequestByIdAndStoredEventsByAttributeAndShowsTheCustomer() {
        String rid = server.postSeedEvent().json().get("requestId").asText();
        signInTo("default");
        go("#/o/default/live");
        WebElement search = wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("search")));
        search.sendKeys(rid);
        enter(search);
        waitForText(By.id("request-status"), "PROCESSED");

        go("#/o/default/live");
        search = wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("search")));
        search.sendKeys("hotel_name=Indiranagar");
        enter(search);
        waitForText(By.cssSelector("main table"), rid);

        go("#/o/default/search");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("attrs"))).sendKeys("room_nights=12");
        new Select(chromium.driver.findElement(By.name("eventName"))).selectByValue("be_reserved");
        click(By.xpath("//button[text()='Search']"));
        waitForText(By.id("search-results"), "MOBILE");
        chromium.screenshot("event-search-desktop");

        go("#/o/default/customers/MOBILE/9933772255");
        waitForText(By.id("customer-out"), "Identifiers");
        waitForText(By.id("customer-out"), "be_reserved");
        int loyalty = server.root("GET", "/api/v1/orgs/default/customers/MOBILE/9933772255/loyalty", null).status();
        if (loyalty == 404) {
            waitForText(By.id("customer-out"), "Loyalty is not available on this server");
        } else {
            waitForText(By.id("balance"), "Balance");
        }
        chromium.screenshot("customer-desktop");
        chromium.phone();
        chromium.screenshot("customer-phone");
    }

    @Test
    void chartsShowThroughputAndRejectionsByCause() {
        signInTo("default");
        go("#/o/default/charts");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#chart-throughput canvas")));
        server.postSeedEvent();
        server.postEvent(TestServer.SEED_WEBHOOK, TestServer.SEED_CREDENTIAL, "{\"event_name\":\"be_reserved\"}");
        server.postEvent(TestServer.SEED_WEBHOOK, "wrong", TestServer.SEED_BODY);
        waitForText(By.id("chart-figures"), "Rejections by cause");
        wait.until(d -> !d.findElements(By.cssSelector("#chart-figures tr[data-cause]")).isEmpty()
                && d.findElements(By.cssSelector("#chart-figures tr[data-cause]")).size() >= 2);
        waitForText(By.tagName("main"), "Pipeline partitions");
        wait.until(d -> {
            String samples = d.findElement(By.id("chart-rejections")).getDomAttribute("data-samples");
            return samples != null && Integer.parseInt(samples) >= 3;
        });
        assertThat(chromium.driver.findElement(By.id("chart-rejections")).getText()).contains("validation").contains("unauthorized");
        chromium.screenshot("charts-desktop");
        chromium.phone();
        chromium.screenshot("charts-phone");
    }

    @Test
    void anOrgKeyThatWasRotatedAwaySendsTheUserBackToSignInSayingWhy() {
        JsonNode org = server.root("POST", "/api/v1/orgs", "{\"id\":\"expiry\",\"name\":\"Expiry Hotels\"}").json();
        signIn(org.get("apiKey").asText());
        waitForText(By.tagName("h1"), "Event definitions");
        assertThat(chromium.driver.findElement(By.id("switch-org")).isDisplayed()).as("an org key picks no org").isFalse();
        go("#/o/expiry/live");
        waitForText(By.id("live-info"), "shown");
        go("#/o/default/events");
        waitForText(By.cssSelector("main .error"), "not found");

        server.root("POST", "/api/v1/orgs/expiry/rotate-key", null);
        go("#/o/expiry/live");
        waitForText(By.id("signin-reason"), "no longer accepts this token");
        assertThat(js("return sessionStorage.getItem('tidings.token')")).isNull();
        chromium.screenshot("expired-token-desktop");
    }

    @Test
    void aServerThatWentAwayIsShownAsSuchNotAsAnEmptyPage() {
        TestServer other = TestServer.start(true);
        try {
            open(other, "");
            js("sessionStorage.clear()");
            open(other, "");
            signIn(TestServer.ROOT_TOKEN);
            click(By.linkText("Open default"));
            go("#/o/default/live");
            other.postSeedEvent();
            wait.until(d -> !d.findElements(By.cssSelector("tr[data-request]")).isEmpty());
        } finally {
            other.close();
        }
        WebElement banner = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("conn")));
        assertThat(banner.getText()).contains("not answering");
        assertThat(chromium.driver.findElements(By.cssSelector("tr[data-request]"))).as("what was loaded stays").isNotEmpty();
        chromium.screenshot("server-gone-desktop");
    }
}
