package dev.tidings.loyalty;

import static dev.tidings.loyalty.LoyaltyFixture.ok;
import static dev.tidings.loyalty.LoyaltyFixture.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tidings.app.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reversals, adjustments, the dry run, rule validation and org isolation of every loyalty endpoint. */
class LoyaltyApiTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aReversalTakesBackEveryAwardOfTheRequestOnceAndAdjustmentsSayWhoMadeThem() {
        LoyaltyFixture f = LoyaltyFixture.create(server, "api-reverse", null);
        f.rule("{\"name\":\"a\",\"event\":\"stay\",\"points\":100}");
        f.rule("{\"name\":\"b\",\"event\":\"stay\",\"points\":\"event.nights * 10\"}");
        String booking = f.post("{\"guest\":\"rv\",\"nights\":2}");
        f.evaluated(booking);

        JsonNode first = ok(server.root("POST", f.path("/loyalty/reversals"),
                "{\"requestId\":\"" + booking + "\",\"reason\":\"booking cancelled\"}"), 200);
        JsonNode repeat = ok(server.admin("POST", f.path("/loyalty/reversals"), f.apiKey,
                "{\"requestId\":\"" + booking + "\"}"), 200);

        assertThat(first.get("reversed").asInt()).isEqualTo(2);
        assertThat(repeat.get("reversed").asInt()).isZero();
        JsonNode b = f.balance("rv");
        assertThat(b.get("balance").decimalValue()).isEqualByComparingTo("0");
        assertThat(b.get("totalReversed").decimalValue()).isEqualByComparingTo("120");
        assertThat(f.ledger("rv")).filteredOn(e -> e.get("type").asText().equals("REVERSE")).hasSize(2)
                .allMatch(e -> e.get("note").asText().equals("booking cancelled") && e.get("actor").asText().equals("root")
                        && e.get("requestId").asText().equals(booking) && e.get("points").decimalValue().signum() < 0);

        JsonNode byOrg = ok(server.admin("POST", f.path("/customers/EXTERNAL_ID/rv/loyalty/adjustments"), f.apiKey,
                "{\"points\":25.5,\"reason\":\"goodwill\"}"), 201);
        JsonNode byRoot = ok(server.root("POST", f.path("/customers/EXTERNAL_ID/rv/loyalty/adjustments"),
                "{\"points\":-5,\"reason\":\"correction\"}"), 201);
        TestServer.Answer tooMuch = server.root("POST", f.path("/customers/EXTERNAL_ID/rv/loyalty/adjustments"),
                "{\"points\":-100,\"reason\":\"spend\"}");
        TestServer.Answer noReason = server.root("POST", f.path("/customers/EXTERNAL_ID/rv/loyalty/adjustments"),
                "{\"points\":5}");

        assertThat(byOrg.get("actor").asText()).isEqualTo("org:api-reverse");
        assertThat(byOrg.get("type").asText()).isEqualTo("ADJUST");
        assertThat(byRoot.get("actor").asText()).isEqualTo("root");
        assertThat(tooMuch.status()).isEqualTo(409);
        assertThat(tooMuch.json().get("errors").get(0).get("code").asText()).isEqualTo("INSUFFICIENT_POINTS");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(f.balance("rv").get("balance").decimalValue()).isEqualByComparingTo("20.5");
        assertThat(server.root("POST", f.path("/loyalty/reversals"), "{\"requestId\":\"nope\"}").status()).isEqualTo(404);
    }

    @Test
    void theLedgerIsNewestFirstAndPagesWithACursor() {
        LoyaltyFixture f = LoyaltyFixture.create(server, "api-ledger", null);
        // A customer the org has never seen is not found, not given a balance.
        ok(server.root("POST", f.path("/customers/EXTERNAL_ID/pg/loyalty/adjustments"), "{\"points\":1,\"reason\":\"r\"}"), 404);
        f.rule("{\"name\":\"a\",\"event\":\"stay\",\"points\":1}");
        f.evaluated(f.post("{\"guest\":\"pg\"}"));
        for (int i = 2; i <= 5; i++) {
            ok(server.root("POST", f.path("/customers/EXTERNAL_ID/pg/loyalty/adjustments"),
                    "{\"points\":" + i + ",\"reason\":\"r" + i + "\"}"), 201);
        }
        List<String> notes = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = ok(server.root("GET", f.path("/customers/EXTERNAL_ID/pg/loyalty/ledger?limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor)), null), 200);
            assertThat(page.get("items").size()).isLessThanOrEqualTo(2);
            page.get("items").forEach(e -> notes.add(e.get("note").asText()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);

        assertThat(notes).hasSize(5).startsWith("r5", "r4", "r3", "r2");
        assertThat(server.root("GET", f.path("/customers/EXTERNAL_ID/pg/loyalty/ledger?cursor=bogus"), null).status())
                .isEqualTo(400);
        // A registered customer with no entries has a balance of zeros.
        ok(server.root("POST", f.path("/customers"), "{\"identifiers\":[{\"type\":\"EXTERNAL_ID\",\"value\":\"zero\"}]}"), 201);
        JsonNode zero = f.balance("zero");
        for (String field : List.of("balance", "pending", "totalEarned", "totalExpired", "totalReversed", "expiringWithin30Days")) {
            assertThat(zero.get(field).decimalValue()).as(field).isEqualByComparingTo("0");
        }
    }

    @Test
    void theDryRunExplainsEachRuleAndWritesNothing() {
        LoyaltyFixture f = LoyaltyFixture.create(server, "api-dry", null);
        String award = f.rule("{\"name\":\"nights\",\"event\":\"stay\",\"condition\":\"event.nights >= 2\","
                + "\"points\":\"event.nights * 100\"}");
        String noMatch = f.rule("{\"name\":\"vip\",\"event\":\"stay\",\"condition\":\"event.vip\",\"points\":5}");
        String capped = f.rule("{\"name\":\"capped\",\"event\":\"stay\",\"points\":10,"
                + "\"caps\":[{\"metric\":\"POINTS\",\"max\":4,\"window\":\"LIFETIME\"}]}");
        String window = f.rule("{\"name\":\"old\",\"event\":\"stay\",\"points\":1,\"validTo\":\"2020-01-01T00:00:00Z\"}");
        String inactive = f.rule("{\"name\":\"off\",\"event\":\"stay\",\"points\":1,\"status\":\"INACTIVE\"}");
        String milestone = f.milestone("{\"name\":\"first\",\"event\":\"stay\",\"measure\":\"COUNT\",\"target\":1,"
                + "\"window\":\"LIFETIME\",\"points\":50}");

        JsonNode r = ok(server.admin("POST", f.path("/loyalty/evaluate"), f.apiKey, "{\"event\":{\"event_name\":\"stay\","
                + "\"guest\":\"dry\",\"ref\":\"x\",\"nights\":12,\"vip\":false}}"), 200).get("results");

        assertThat(result(r, award).get("outcome").asText()).isEqualTo("AWARD");
        assertThat(result(r, award).get("points").decimalValue()).isEqualByComparingTo("1200");
        assertThat(result(r, award).get("explanation").asText()).isEqualTo("event.nights >= 2 is true; points = 12 * 100 = 1200");
        assertThat(result(r, noMatch).get("outcome").asText()).isEqualTo("NO_MATCH");
        assertThat(result(r, noMatch).get("explanation").asText()).isEqualTo("event.vip is false (false)");
        assertThat(result(r, capped).get("outcome").asText()).isEqualTo("CAPPED");
        assertThat(result(r, capped).get("points").decimalValue()).isEqualByComparingTo("4");
        assertThat(result(r, window).get("outcome").asText()).isEqualTo("OUT_OF_WINDOW");
        assertThat(result(r, inactive).get("outcome").asText()).isEqualTo("INACTIVE");
        assertThat(result(r, milestone).get("outcome").asText()).isEqualTo("AWARD");
        assertThat(server.root("GET", f.path("/customers/EXTERNAL_ID/dry/loyalty"), null).status()).isEqualTo(404);

        TestServer.Answer invalid = server.root("POST", f.path("/loyalty/evaluate"),
                "{\"event\":{\"event_name\":\"stay\",\"nights\":\"many\"}}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("errors").size()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aRuleWithSeveralMistakesIsRefusedWithAllOfThemAtOnce() {
        LoyaltyFixture f = LoyaltyFixture.create(server, "api-invalid", null);
        TestServer.Answer a = server.root("POST", f.path("/loyalty/rules"), "{\"name\":\"bad\",\"event\":\"stay\","
                + "\"condition\":\"event.hotel > 2\",\"points\":\"event.missing * 2\",\"rounding\":\"UP\","
                + "\"caps\":[{\"metric\":\"EVENTS\",\"max\":1.5,\"window\":\"FORTNIGHT\"}],\"releaseAt\":\"nights\","
                + "\"expiresAfter\":\"soon\",\"colour\":\"red\"}");

        assertThat(a.status()).isEqualTo(400);
        assertThat(a.json().get("status").get("code").asInt()).isEqualTo(2001);
        List<String> fields = new ArrayList<>();
        a.json().get("errors").forEach(e -> fields.add(e.get("attribute").asText()));
        assertThat(fields).contains("condition", "points", "rounding", "caps[0].window", "caps[0].max", "releaseAt",
                "expiresAfter", "colour");
        assertThat(a.body()).contains("unknown attribute 'missing'");
        TestServer.Answer syntax = server.root("POST", f.path("/loyalty/rules"),
                "{\"name\":\"s\",\"event\":\"nosuch\",\"condition\":\"event.nights >\",\"points\":1}");
        assertThat(syntax.status()).isEqualTo(400);
        assertThat(syntax.body()).contains("UNKNOWN_EVENT");
        TestServer.Answer milestone = server.root("POST", f.path("/loyalty/milestones"), "{\"name\":\"m\",\"event\":\"stay\","
                + "\"measure\":\"SUM\",\"attribute\":\"hotel\",\"target\":0,\"window\":\"ROLLING_7D\",\"points\":5}");
        assertThat(milestone.status()).isEqualTo(400);
        assertThat(milestone.json().get("errors").size()).isEqualTo(3);
    }

    @Test
    void anotherOrgsKeySeesNoneOfAnOrgsLoyalty() {
        LoyaltyFixture a = LoyaltyFixture.create(server, "iso-a", null);
        LoyaltyFixture b = LoyaltyFixture.create(server, "iso-b", null);
        String rule = a.rule("{\"name\":\"a\",\"event\":\"stay\",\"points\":10}");
        String milestone = a.milestone("{\"name\":\"m\",\"event\":\"stay\",\"measure\":\"COUNT\",\"target\":9,"
                + "\"window\":\"LIFETIME\",\"points\":1}");
        String request = a.post("{\"guest\":\"iso\"}");
        a.evaluated(request);
        String p = "/api/v1/orgs/iso-a";
        String[][] calls = {
            {"GET", p + "/loyalty/rules", null}, {"POST", p + "/loyalty/rules", "{\"name\":\"x\",\"event\":\"stay\",\"points\":1}"},
            {"GET", p + "/loyalty/rules/" + rule, null}, {"PUT", p + "/loyalty/rules/" + rule, "{}"},
            {"POST", p + "/loyalty/rules/" + rule + "/deactivate", null}, {"GET", p + "/loyalty/milestones", null},
            {"GET", p + "/loyalty/milestones/" + milestone, null}, {"POST", p + "/loyalty/milestones/" + milestone + "/activate", null},
            {"GET", p + "/customers/EXTERNAL_ID/iso/loyalty", null}, {"GET", p + "/customers/EXTERNAL_ID/iso/loyalty/ledger", null},
            {"POST", p + "/customers/EXTERNAL_ID/iso/loyalty/adjustments", "{\"points\":1,\"reason\":\"x\"}"},
            {"POST", p + "/loyalty/reversals", "{\"requestId\":\"" + request + "\"}"},
            {"POST", p + "/loyalty/evaluate", "{\"event\":{\"event_name\":\"stay\",\"guest\":\"iso\",\"ref\":\"1\"}}"},
            {"GET", p + "/requests/" + request, null}};
        for (String[] c : calls) {
            assertThat(server.admin(c[0], c[1], b.apiKey, c[2]).status()).as(c[0] + " " + c[1]).isEqualTo(404);
        }
        // Through its own path, org B finds nothing of A's by id either.
        assertThat(server.admin("GET", b.path("/loyalty/rules/" + rule), b.apiKey, null).status()).isEqualTo(404);
        assertThat(server.admin("GET", b.path("/loyalty/milestones/" + milestone), b.apiKey, null).status()).isEqualTo(404);
        ok(server.admin("POST", b.path("/loyalty/reversals"), b.apiKey, "{\"requestId\":\"" + request + "\"}"), 404);
        assertThat(a.balance("iso").get("balance").decimalValue()).isEqualByComparingTo("10");
    }
}
