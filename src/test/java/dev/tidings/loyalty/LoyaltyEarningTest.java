package dev.tidings.loyalty;

import static dev.tidings.loyalty.LoyaltyFixture.awarded;
import static dev.tidings.loyalty.LoyaltyFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tidings.app.TestServer;
import java.math.BigDecimal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Earning through the real server: matching, every attribute type in expressions, rounding, duplicates, test events. */
class LoyaltyEarningTest {
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
    void awardsOnlyEventsThatMatchTheConditionAndTracesEachAwardToItsRule() {
        LoyaltyFixture f = LoyaltyFixture.create(server, "earn-match", null);
        String rule = f.rule("{\"name\":\"Stay points\",\"event\":\"stay\",\"condition\":\"event.nights >= 2\","
                + "\"points\":\"event.nights * 100\"}");
        String miss = f.post("{\"guest\":\"ann\",\"nights\":1}");
        String hit = f.post("{\"guest\":\"ann\",\"nights\":3}");

        JsonNode missed = f.evaluated(miss);
        JsonNode earned = f.evaluated(hit);

        assertThat(missed.get("loyalty").get("awards")).isEmpty();
        assertThat(LoyaltyFixture.result(missed.get("loyalty").get("results"), rule).get("explanation").asText())
                .isEqualTo("event.nights >= 2 is false (1 >= 2)");
        assertThat(awarded(earned, rule)).isEqualByComparingTo("300");
        JsonNode award = earned.get("loyalty").get("awards").get(0);
        assertThat(award.get("capped").asBoolean()).isFalse();
        assertThat(earned.get("states").get(earned.get("states").size() - 1).get("state").asText())
                .isEqualTo("LOYALTY_EVALUATED");
        assertThat(LoyaltyFixture.result(earned.get("loyalty").get("results"), rule).get("explanation").asText())
                .isEqualTo("event.nights >= 2 is true; points = 3 * 100 = 300");
        JsonNode entry = f.ledger("ann").get(0);
        assertThat(entry.get("entryId").asText()).isEqualTo(award.get("entryId").asText());
        assertThat(entry.get("ruleId").asText()).isEqualTo(rule);
        assertThat(entry.get("ruleVersion").asInt()).isEqualTo(1);
        assertThat(entry.get("requestId").asText()).isEqualTo(hit);
        assertThat(entry.get("type").asText()).isEqualTo("EARN");
        assertThat(entry.get("note").asText()).contains("Stay points");
        JsonNode balance = f.balance("ann");
        assertThat(balance.get("balance").decimalValue()).isEqualByComparingTo("300");
        assertThat(balance.get("totalEarned").decimalValue()).isEqualByComparingTo("300");
    }

    @Test
    void pointsAndConditionsUseEveryAttributeTypeAsTyped() {
        LoyaltyFixture f = LoyaltyFixture.create(server, "earn-types", null);
        String integer = f.rule("{\"name\":\"int\",\"event\":\"stay\",\"points\":\"event.nights * 10\"}");
        String dbl = f.rule("{\"name\":\"double\",\"event\":\"stay\",\"points\":\"event.amount * 1.5\",\"rounding\":\"NONE\"}");
        String str = f.rule("{\"name\":\"string\",\"event\":\"stay\",\"condition\":\"event.hotel.startsWith('Ind')\",\"points\":7}");
        String bool = f.rule("{\"name\":\"bool\",\"event\":\"stay\",\"condition\":\"event.vip\",\"points\":11}");
        String enumRule = f.rule("{\"name\":\"enum\",\"event\":\"stay\",\"condition\":\"event.tier == 'gold'\",\"points\":13}");
        String date = f.rule("{\"name\":\"date\",\"event\":\"stay\","
                + "\"condition\":\"event.checkin > timestamp('2026-06-01T00:00:00Z')\",\"points\":17}");
        String time = f.rule("{\"name\":\"time\",\"event\":\"stay\","
                + "\"condition\":\"event.eventDateTime < timestamp('2026-01-01T00:00:00Z')\",\"points\":19}");
        String request = f.post("{\"guest\":\"bo\",\"nights\":\"4\",\"amount\":10.25,\"hotel\":\"Indiranagar\","
                + "\"vip\":\"true\",\"tier\":\"gold\",\"checkin\":\"2026-07-01\",\"eventDateTime\":\"2025-05-05 10:00:00\"}");

        JsonNode r = f.evaluated(request);

        assertThat(awarded(r, integer)).isEqualByComparingTo("40");
        assertThat(awarded(r, dbl)).isEqualByComparingTo("15.38");
        assertThat(awarded(r, str)).isEqualByComparingTo("7");
        assertThat(awarded(r, bool)).isEqualByComparingTo("11");
        assertThat(awarded(r, enumRule)).isEqualByComparingTo("13");
        assertThat(awarded(r, date)).isEqualByComparingTo("17");
        assertThat(awarded(r, time)).isEqualByComparingTo("19");
        assertThat(f.balance("bo").get("balance").decimalValue()).isEqualByComparingTo("122.38");

        String other = f.post("{\"guest\":\"bo\",\"hotel\":\"Koramangala\",\"vip\":false,\"tier\":\"silver\","
                + "\"checkin\":\"2026-01-01\"}");
        JsonNode none = f.evaluated(other);
        assertThat(none.get("loyalty").get("awards")).isEmpty();
        assertThat(LoyaltyFixture.result(none.get("loyalty").get("results"), integer).get("explanation").asText())
                .contains("could not be evaluated");
    }

    @Test
    void roundsFloorRoundAndNoneToTwoDecimalsWithoutBinaryDrift() {
        LoyaltyFixture f = LoyaltyFixture.create(server, "earn-round", null);
        String floor = f.rule("{\"name\":\"floor\",\"event\":\"stay\",\"points\":\"event.amount\"}");
        String round = f.rule("{\"name\":\"round\",\"event\":\"stay\",\"points\":\"event.amount\",\"rounding\":\"ROUND\"}");
        String none = f.rule("{\"name\":\"none\",\"event\":\"stay\",\"points\":\"event.amount\",\"rounding\":\"NONE\"}");
        String tenth = f.rule("{\"name\":\"tenth\",\"event\":\"stay\",\"points\":\"event.amount * 0.1\",\"rounding\":\"NONE\"}");

        JsonNode r = f.evaluated(f.post("{\"guest\":\"cy\",\"amount\":10.555}"));

        assertThat(awarded(r, floor)).isEqualByComparingTo("10");
        assertThat(awarded(r, round)).isEqualByComparingTo("11");
        assertThat(awarded(r, none)).isEqualByComparingTo("10.56");
        assertThat(awarded(r, tenth)).isEqualByComparingTo("1.06");
        assertThat(LoyaltyFixture.result(r.get("loyalty").get("results"), floor).get("explanation").asText())
                .isEqualTo("points = 10.555 = 10.555, FLOOR → 10");
        assertThat(f.balance("cy").get("balance").decimalValue()).isEqualByComparingTo(new BigDecimal("32.62"));
    }

    @Test
    void duplicatesNeverEarnAndTestEventsOnlyDryRun() {
        LoyaltyFixture f = LoyaltyFixture.create(server, "earn-dups", null);
        String rule = f.rule("{\"name\":\"flat\",\"event\":\"stay\",\"points\":50}");
        String first = f.postRaw("{\"event_name\":\"stay\",\"guest\":\"di\",\"ref\":\"same\"}");
        String again = f.postRaw("{\"event_name\":\"stay\",\"guest\":\"di\",\"ref\":\"same\"}");
        assertThat(f.evaluated(first).get("loyalty").get("awards")).hasSize(1);
        assertThat(f.processed(again).get("status").asText()).isEqualTo("DUPLICATE");

        ok(server.root("POST", f.path("/events"), LoyaltyFixture.STAY.replace("\"stay\"", "\"draft_stay\"")), 201);
        String draftRule = f.rule("{\"name\":\"draft\",\"event\":\"draft_stay\",\"points\":\"event.nights * 5\"}");
        String test = f.postRaw("{\"event_name\":\"draft_stay\",\"guest\":\"di\",\"ref\":\"t1\",\"nights\":3}");
        JsonNode dry = f.evaluated(test);

        assertThat(dry.get("test").asBoolean()).isTrue();
        assertThat(dry.get("loyalty").get("dryRun").asBoolean()).isTrue();
        assertThat(dry.get("loyalty").get("awards")).isEmpty();
        assertThat(LoyaltyFixture.result(dry.get("loyalty").get("results"), draftRule).get("points").decimalValue())
                .isEqualByComparingTo("15");
        JsonNode state = dry.get("states").get(dry.get("states").size() - 1);
        assertThat(state.get("state").asText()).isEqualTo("LOYALTY_EVALUATED");
        assertThat(state.get("message").asText()).startsWith("dry run").contains("would earn 15 points");
        // The duplicate never reaches loyalty: no evaluation, no award; only the first request earned.
        assertThat(f.processed(again).has("loyalty")).isFalse();
        assertThat(f.balance("di").get("balance").decimalValue()).isEqualByComparingTo("50");
        assertThat(f.ledger("di")).hasSize(1).allMatch(e -> e.get("ruleId").asText().equals(rule));
    }

    @Test
    void anUpdateBumpsTheVersionAndADeactivatedRuleStopsEarning() {
        LoyaltyFixture f = LoyaltyFixture.create(server, "earn-versions", null);
        String rule = f.rule("{\"name\":\"flat\",\"event\":\"stay\",\"points\":10}");
        String steady = f.rule("{\"name\":\"steady\",\"event\":\"stay\",\"points\":1}");
        JsonNode v2 = ok(server.root("PUT", f.path("/loyalty/rules/" + rule),
                "{\"name\":\"flat\",\"event\":\"stay\",\"points\":20}"), 200);
        assertThat(v2.get("version").asInt()).isEqualTo(2);
        JsonNode r = f.evaluated(f.post("{\"guest\":\"ed\"}"));
        assertThat(awarded(r, rule)).isEqualByComparingTo("20");
        assertThat(f.ledger("ed")).anyMatch(e -> e.get("ruleId").asText().equals(rule) && e.get("ruleVersion").asInt() == 2);

        JsonNode off = ok(server.root("POST", f.path("/loyalty/rules/" + rule + "/deactivate"), null), 200);
        assertThat(off.get("status").asText()).isEqualTo("INACTIVE");
        assertThat(off.get("version").asInt()).isEqualTo(3);
        JsonNode later = f.evaluated(f.post("{\"guest\":\"ed\"}"));

        assertThat(awarded(later, rule)).isNull();
        assertThat(awarded(later, steady)).isEqualByComparingTo("1");
        assertThat(f.balance("ed").get("balance").decimalValue()).isEqualByComparingTo("22");
        assertThat(ok(server.root("GET", f.path("/loyalty/rules"), null), 200).get("items")).hasSize(2);
    }
}
