package dev.tidings.loyalty;

import static dev.tidings.loyalty.LoyaltyFixture.awarded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tidings.app.MovableClock;
import dev.tidings.app.TestServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Caps over every window kind (calendar ones in the org's timezone), delayed release, expiry oldest
 * first and milestones once per window, on a server whose clock the test moves.
 */
class LoyaltyCapsAndTimeTest {
    private static final MovableClock CLOCK = new MovableClock(Instant.parse("2026-03-10T12:00:00Z"));
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(CLOCK);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Window, two event times in one window of it, and one time outside that window (null: none). */
    private record Case(String window, String first, String second, String outside) {}

    @Test
    void anEventsCapSkipsTheSecondAwardInTheSameWindowOfEveryKindAndCountsAnotherWindowAfresh() {
        // Asia/Kolkata is UTC+05:30: 2026-03-10T20:00Z is already March 11 there.
        LoyaltyFixture f = LoyaltyFixture.create(server, "caps-windows", "Asia/Kolkata");
        List<Case> cases = List.of(
                new Case("DAY", "2026-03-10T20:00:00Z", "2026-03-11T10:00:00Z", "2026-03-10T17:00:00Z"),
                new Case("WEEK", "2026-03-10T08:00:00Z", "2026-03-15T17:00:00Z", "2026-03-15T19:00:00Z"),
                new Case("MONTH", "2026-03-02T08:00:00Z", "2026-03-31T17:00:00Z", "2026-03-31T19:00:00Z"),
                new Case("YEAR", "2026-02-01T08:00:00Z", "2026-12-31T18:00:00Z", "2026-12-31T19:00:00Z"),
                new Case("ROLLING_7D", "2026-03-01T08:00:00Z", "2026-03-07T08:00:00Z", "2026-03-20T08:00:00Z"),
                new Case("ROLLING_30D", "2026-03-01T08:00:00Z", "2026-03-25T08:00:00Z", "2026-05-01T08:00:00Z"),
                new Case("LIFETIME", "2020-01-01T00:00:00Z", "2030-01-01T00:00:00Z", null));
        for (Case c : cases) {
            String rule = f.rule("{\"name\":\"" + c.window() + "\",\"event\":\"stay\",\"condition\":\"event.hotel == '"
                    + c.window() + "'\",\"points\":10,\"caps\":[{\"metric\":\"EVENTS\",\"max\":1,\"window\":\"" + c.window()
                    + "\"}]}");
            String guest = "g-" + c.window().toLowerCase().replace('_', '-');
            JsonNode first = f.evaluated(f.post(stay(guest, c.window(), c.first())));
            JsonNode second = f.evaluated(f.post(stay(guest, c.window(), c.second())));

            assertThat(awarded(first, rule)).as(c.window()).isEqualByComparingTo("10");
            assertThat(awarded(second, rule)).as(c.window()).isEqualByComparingTo("0");
            JsonNode skipped = LoyaltyFixture.result(second.get("loyalty").get("results"), rule);
            assertThat(skipped.get("outcome").asText()).isEqualTo("CAPPED");
            assertThat(skipped.get("capped").asBoolean()).isTrue();
            assertThat(skipped.get("explanation").asText()).contains("capped: EVENTS 1").contains("nothing awarded");
            assertThat(second.get("loyalty").get("awards").get(0).get("capped").asBoolean()).isTrue();
            if (c.outside() != null) {
                assertThat(awarded(f.evaluated(f.post(stay(guest, c.window(), c.outside()))), rule)).as(c.window())
                        .isEqualByComparingTo("10");
            }
        }
    }

    @Test
    void aPointsCapReducesTheAwardToWhatFitsThenSkipsAndSaysSo() {
        LoyaltyFixture f = LoyaltyFixture.create(server, "caps-points", null);
        String rule = f.rule("{\"name\":\"nightly\",\"event\":\"stay\",\"points\":\"event.nights * 100\","
                + "\"caps\":[{\"metric\":\"POINTS\",\"max\":250,\"window\":\"MONTH\"}]}");
        BigDecimal[] got = new BigDecimal[3];
        JsonNode last = null;
        for (int i = 0; i < 3; i++) {
            last = f.evaluated(f.post("{\"guest\":\"pat\",\"nights\":1,\"eventDateTime\":\"2026-03-0" + (i + 1) + "\"}"));
            got[i] = awarded(last, rule);
        }
        JsonNode reduced = LoyaltyFixture.result(f.evaluated(f.post(
                "{\"guest\":\"pat2\",\"nights\":3,\"eventDateTime\":\"2026-03-01\"}")).get("loyalty").get("results"), rule);

        assertThat(got).containsExactly(new BigDecimal("100"), new BigDecimal("100"), new BigDecimal("50"));
        assertThat(last.get("loyalty").get("awards").get(0).get("capped").asBoolean()).isTrue();
        assertThat(reduced.get("points").decimalValue()).isEqualByComparingTo("250");
        assertThat(reduced.get("explanation").asText()).contains("capped by POINTS 250 per MONTH: 0 awarded already, 250 of 300 fit");
        JsonNode april = f.evaluated(f.post("{\"guest\":\"pat\",\"nights\":1,\"eventDateTime\":\"2026-04-01\"}"));
        assertThat(awarded(april, rule)).isEqualByComparingTo("100");
        assertThat(f.balance("pat").get("balance").decimalValue()).isEqualByComparingTo("350");
    }

    @Test
    void pointsStayPendingUntilTheReleaseDateThenBecomeAvailable() {
        LoyaltyFixture f = LoyaltyFixture.create(server, "release", null);
        f.rule("{\"name\":\"after the stay\",\"event\":\"stay\",\"points\":100,\"releaseAt\":\"checkin\"}");
        Instant checkin = CLOCK.instant().plus(Duration.ofDays(10));
        f.evaluated(f.post("{\"guest\":\"ri\",\"checkin\":" + checkin.toEpochMilli() + "}"));

        JsonNode before = f.balance("ri");
        assertThat(before.get("balance").decimalValue()).isEqualByComparingTo("0");
        assertThat(before.get("pending").decimalValue()).isEqualByComparingTo("100");
        assertThat(f.ledger("ri").get(0).get("status").asText()).isEqualTo("PENDING");

        CLOCK.advance(Duration.ofDays(11));
        JsonNode after = f.balance("ri");
        assertThat(after.get("balance").decimalValue()).isEqualByComparingTo("100");
        assertThat(after.get("pending").decimalValue()).isEqualByComparingTo("0");
        assertThat(f.ledger("ri").get(0).get("status").asText()).isEqualTo("AVAILABLE");
    }

    @Test
    void expiryTakesWhatIsLeftOfTheOldestPointsFirstInTheBackground() {
        LoyaltyFixture f = LoyaltyFixture.create(server, "expiry", null);
        f.rule("{\"name\":\"expiring\",\"event\":\"stay\",\"points\":100,\"expiresAfter\":\"30d\"}");
        Instant t0 = CLOCK.instant();
        f.evaluated(f.post("{\"guest\":\"ex\",\"eventDateTime\":" + t0.toEpochMilli() + "}"));
        f.evaluated(f.post("{\"guest\":\"ex\",\"eventDateTime\":" + t0.plus(Duration.ofDays(20)).toEpochMilli() + "}"));
        assertThat(f.balance("ex").get("expiringWithin30Days").decimalValue()).isEqualByComparingTo("100");
        // The spend takes the older lot whole and half the newer one.
        LoyaltyFixture.ok(server.root("POST", f.path("/customers/EXTERNAL_ID/ex/loyalty/adjustments"),
                "{\"points\":-150,\"reason\":\"redeemed a night\"}"), 201);

        CLOCK.advance(Duration.ofDays(35));
        JsonNode firstLotGone = f.balance("ex");
        assertThat(firstLotGone.get("totalExpired").decimalValue()).isEqualByComparingTo("0");
        assertThat(firstLotGone.get("balance").decimalValue()).isEqualByComparingTo("50");

        CLOCK.advance(Duration.ofDays(20));
        await().atMost(Duration.ofSeconds(10)).until(() -> f.balance("ex").get("totalExpired").decimalValue()
                .compareTo(new BigDecimal("50")) == 0);
        JsonNode end = f.balance("ex");
        assertThat(end.get("balance").decimalValue()).isEqualByComparingTo("0");
        JsonNode expiry = f.ledger("ex").get(0);
        assertThat(expiry.get("type").asText()).isEqualTo("EXPIRE");
        assertThat(expiry.get("points").decimalValue()).isEqualByComparingTo("-50");
    }

    @Test
    void aMilestoneIsReachedOncePerWindowAndShowsItsProgress() {
        LoyaltyFixture f = LoyaltyFixture.create(server, "milestones", null);
        String m = f.milestone("{\"name\":\"3 stays a month\",\"event\":\"stay\",\"measure\":\"COUNT\",\"target\":3,"
                + "\"window\":\"MONTH\",\"points\":500}");
        String sum = f.milestone("{\"name\":\"5 nights a year\",\"event\":\"stay\",\"measure\":\"SUM\","
                + "\"attribute\":\"nights\",\"target\":5,\"window\":\"YEAR\",\"points\":75}");
        BigDecimal[] march = new BigDecimal[4];
        for (int i = 0; i < 4; i++) {
            JsonNode r = f.evaluated(f.post("{\"guest\":\"mo\",\"nights\":2,\"eventDateTime\":\"2026-03-0" + (i + 1) + "\"}"));
            march[i] = awarded(r, m);
        }
        JsonNode april = null;
        for (int i = 0; i < 3; i++) {
            april = f.evaluated(f.post("{\"guest\":\"mo\",\"nights\":1,\"eventDateTime\":\"2026-04-0" + (i + 1) + "\"}"));
        }

        assertThat(march).containsExactly(null, null, new BigDecimal("500"), null);
        assertThat(awarded(april, m)).isEqualByComparingTo("500");
        assertThat(f.ledger("mo").stream().filter(e -> e.get("ruleId").asText().equals(sum))).hasSize(1);
        assertThat(f.balance("mo").get("balance").decimalValue()).isEqualByComparingTo("1075");
        // With now in March 2026 on the server's clock (shared with the other tests, which move it), this
        // month's window shows March's four stays.
        CLOCK.set(Instant.parse("2026-03-20T12:00:00Z"));
        JsonNode progress = f.balance("mo").get("milestones");
        assertThat(progress).hasSize(2);
        JsonNode month = progress.get(0).get("id").asText().equals(m) ? progress.get(0) : progress.get(1);
        assertThat(month.get("current").decimalValue()).isEqualByComparingTo("4");
        assertThat(month.get("target").decimalValue()).isEqualByComparingTo("3");
        assertThat(month.get("achievedAt").isNull()).isFalse();
    }

    private static String stay(String guest, String hotel, String at) {
        return "{\"guest\":\"" + guest + "\",\"hotel\":\"" + hotel + "\",\"eventDateTime\":\"" + at + "\"}";
    }
}
