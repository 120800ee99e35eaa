package dev.tidings.loyalty;

import dev.tidings.registry.Registry;
import java.time.Clock;

/** What the admin API uses of loyalty, wired once by the composition root. */
public record LoyaltyServices(Rules rules, Balances balances, DryRun dryRun, LoyaltyStore store) {

    /** {@code evaluator} is shared with the engine, so both use the same compiled rules. */
    public static LoyaltyServices create(LoyaltyStore store, Registry registry, Evaluator evaluator, Clock clock) {
        return new LoyaltyServices(new Rules(store, registry, clock), new Balances(store, registry, clock),
                new DryRun(store, registry, evaluator, clock), store);
    }
}
