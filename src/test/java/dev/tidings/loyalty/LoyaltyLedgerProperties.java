package dev.tidings.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tidings.app.TestServer;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * For random rules (points per night, a POINTS cap and an EVENTS cap over random windows) and random
 * streams of events posted through the real server: the balance is the sum of the ledger, and no
 * window of any cap ever holds more than the cap allows.
 */
class LoyaltyLedgerProperties {
    private static final AtomicInteger ORGS = new AtomicInteger();
    private static final long START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    private static final long HOUR = 3_600_000L;
    private static TestServer server;

    @BeforeContainer
    static void start() {
        server = TestServer.start();
    }

    @AfterContainer
    static void stop() {
        server.close();
    }

    record Stay(int nights, int hoursAfterStart) {}

    record Caps(int pointsMax, String pointsWindow, int eventsMax, String eventsWindow) {}

    @Provide
    Arbitrary<List<Stay>> streams() {
        return Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 24 * 60))
                .as(Stay::new).list().ofMinSize(1).ofMaxSize(14);
    }

    @Provide
    Arbitrary<Caps> caps() {
        Arbitrary<String> windows = Arbitraries.of(Window.class).map(Enum::name);
        return Combinators.combine(Arbitraries.integers().between(1, 1500), windows, Arbitraries.integers().between(1, 4),
                windows).as(Caps::new);
    }

    @Property(tries = 8)
    void theBalanceIsTheSumOfTheLedgerAndNoCapWindowIsExceeded(@ForAll("streams") List<Stay> stays,
            @ForAll("caps") Caps caps, @ForAll("perNight") int perNight) {
        LoyaltyFixture f = LoyaltyFixture.create(server, "prop-" + ORGS.incrementAndGet(), null);
        String rule = f.rule("{\"name\":\"p\",\"event\":\"stay\",\"condition\":\"event.nights > 0\",\"points\":\"double(event.nights) * "
                + perNight + ".0 / 3.0\",\"rounding\":\"NONE\",\"caps\":[{\"metric\":\"POINTS\",\"max\":" + caps.pointsMax()
                + ",\"window\":\"" + caps.pointsWindow() + "\"},{\"metric\":\"EVENTS\",\"max\":" + caps.eventsMax()
                + ",\"window\":\"" + caps.eventsWindow() + "\"}]}");
        Map<String, Long> eventTimes = new HashMap<>();
        List<String> requests = new ArrayList<>();
        for (Stay s : stays) {
            long at = START + s.hoursAfterStart() * HOUR;
            String id = f.post("{\"guest\":\"pp\",\"nights\":" + s.nights() + ",\"eventDateTime\":" + at + "}");
            requests.add(id);
            eventTimes.put(id, at);
        }
        requests.forEach(f::evaluated);

        List<JsonNode> ledger = f.ledger("pp");
        BigDecimal sum = ledger.stream().map(e -> e.get("points").decimalValue()).reduce(BigDecimal.ZERO, BigDecimal::add);
        JsonNode balance = f.balance("pp");
        assertThat(balance.get("balance").decimalValue().add(balance.get("pending").decimalValue())).isEqualByComparingTo(sum);
        assertThat(balance.get("totalEarned").decimalValue()).isEqualByComparingTo(sum);

        List<long[]> awards = new ArrayList<>();
        for (JsonNode e : ledger) {
            assertThat(e.get("ruleId").asText()).isEqualTo(rule);
            awards.add(new long[] {eventTimes.get(e.get("requestId").asText()),
                    Points.hundredths(e.get("points").decimalValue())});
        }
        assertThat(ledger).extracting(e -> e.get("requestId").asText()).doesNotHaveDuplicates();
        checkCap(awards, Window.valueOf(caps.pointsWindow()), Points.hundredths(BigDecimal.valueOf(caps.pointsMax())), true);
        checkCap(awards, Window.valueOf(caps.eventsWindow()), caps.eventsMax(), false);
    }

    @Provide
    Arbitrary<Integer> perNight() {
        return Arbitraries.integers().between(1, 700);
    }

    /** Every window of the kind that holds an award holds at most {@code max} points (or awards). */
    private static void checkCap(List<long[]> awards, Window window, long max, boolean points) {
        for (long[] anchor : awards) {
            List<Window.Span> spans = new ArrayList<>();
            if (window == Window.ROLLING_7D || window == Window.ROLLING_30D) {
                long length = window == Window.ROLLING_7D ? 7 * 24 * HOUR : 30 * 24 * HOUR;
                // Rolling windows that start at or end at this award: the extremes of those that hold it.
                spans.add(new Window.Span(anchor[0], anchor[0] + length));
                spans.add(new Window.Span(anchor[0] - length + 1, anchor[0] + 1));
            } else {
                spans.add(window.around(anchor[0], ZoneOffset.UTC));
            }
            for (Window.Span span : spans) {
                long total = 0;
                for (long[] a : awards) {
                    if (span.contains(a[0])) {
                        total += points ? a[1] : 1;
                    }
                }
                assertThat(total).as("%s window %s", window, span).isLessThanOrEqualTo(max);
            }
        }
    }
}
