package dev.tidings.loyalty;

import dev.tidings.registry.DefinitionRules;
import dev.tidings.registry.DefinitionStatus;
import dev.tidings.registry.EventDefinition;
import dev.tidings.registry.ParsedDefinition;
import dev.tidings.registry.TestStatus;
import dev.tidings.store.StoredEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rule evaluation per event with 1, 10 and 100 active rules for the event (conditions, a points
 * expression, two caps each): events per second and CPU nanoseconds per event on one thread. Cap
 * usage answers zero here, so the store's reads and writes are not in the figure; bench/loyalty.sh
 * runs it. Run: {@code java -cp target/classes:target/test-classes:$(cat cp.txt) dev.tidings.loyalty.EvaluatorBenchmark}.
 */
public final class EvaluatorBenchmark {
    private EvaluatorBenchmark() {}

    public static void main(String[] args) throws Exception {
        ParsedDefinition p = DefinitionRules.parse(new ObjectMapper().readTree(LoyaltyFixture.STAY));
        Instant now = Instant.now();
        EventDefinition d = new EventDefinition("d1", "bench", "stay", null, null, p.attributes(), p.unknownAttributes(),
                DefinitionStatus.PUBLISHED, TestStatus.VERIFIED, 1, now, now);
        StoredEvent event = new StoredEvent("req", "bench", "stay", new StoredEvent.CustomerRef("c1", "EXTERNAL_ID", "g"),
                now.toEpochMilli(), now.toEpochMilli(), Map.of("guest", "g", "ref", "r", "nights", 3L, "amount", 120.5,
                        "hotel", "Indiranagar", "vip", true, "tier", "gold"), false, false, null);
        Usages zero = new Usages() {
            @Override
            public Usage usage(String ruleId, String customerId, Window.Span span) {
                return new Usage(0, 0);
            }

            @Override
            public Optional<Progress> progress(String milestoneId, String customerId, long windowStart) {
                return Optional.empty();
            }
        };
        var bean = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int n : new int[] {1, 10, 100}) {
            List<Earning> rules = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                rules.add(new Rule("r" + i, "bench", "r" + i, "stay", "event.nights >= " + (i % 3) + " && event.tier == 'gold'",
                        "double(event.nights) * 100.0 + event.amount", Rounding.FLOOR,
                        List.of(new Cap(Cap.Metric.POINTS, 500_000, Window.MONTH), new Cap(Cap.Metric.EVENTS, 3, Window.DAY)),
                        null, null, null, null, null, RuleStatus.ACTIVE, 1, now, now));
            }
            Evaluator evaluator = new Evaluator();
            for (int i = 0; i < 2000; i++) {
                evaluator.evaluate(rules, d, event, ZoneOffset.UTC, zero);
            }
            int events = Math.max(2000, 200_000 / n);
            long cpu0 = bean.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            for (int i = 0; i < events; i++) {
                evaluator.evaluate(rules, d, event, ZoneOffset.UTC, zero);
            }
            long wall = System.nanoTime() - t0;
            long cpu = bean.getCurrentThreadCpuTime() - cpu0;
            System.out.printf("rules=%d events=%d events/s=%.0f cpu-us/event=%.1f%n", n, events,
                    events / (wall / 1e9), cpu / 1e3 / events);
        }
    }
}
