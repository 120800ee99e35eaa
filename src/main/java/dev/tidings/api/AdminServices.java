package dev.tidings.api;

import dev.tidings.destinations.Destinations;
import dev.tidings.intake.Reprocessor;
import dev.tidings.loyalty.LoyaltyServices;
import dev.tidings.log.PendingRequests;
import dev.tidings.pipeline.PipelineControl;
import dev.tidings.registry.Definitions;
import dev.tidings.registry.Orgs;
import dev.tidings.registry.Registry;
import dev.tidings.registry.Webhooks;
import dev.tidings.store.ReadStore;
import java.time.Clock;

/**
 * What the admin API works on, as the composition root wired it. Null features have no routes mounted
 * ({@code reprocessor} is null on a node without the intake).
 */
public record AdminServices(
        Registry registry,
        Orgs orgs,
        Definitions definitions,
        Webhooks webhooks,
        ReadStore reads,
        PipelineControl pipeline,
        Clock clock,
        Destinations destinations,
        LoyaltyServices loyalty,
        PendingRequests pending,
        Reprocessor reprocessor) {

    /** Without destinations and loyalty (their routes are not mounted) and without read-your-writes. */
    public AdminServices(Registry registry, Orgs orgs, Definitions definitions, Webhooks webhooks, ReadStore reads,
            PipelineControl pipeline, Clock clock) {
        this(registry, orgs, definitions, webhooks, reads, pipeline, clock, null, null,
                (org, id) -> new PendingRequests.Unknown(), null);
    }
}
