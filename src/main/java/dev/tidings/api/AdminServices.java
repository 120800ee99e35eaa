package dev.tidings.api;

import dev.tidings.log.PendingRequests;
import dev.tidings.pipeline.PipelineControl;
import dev.tidings.registry.Definitions;
import dev.tidings.registry.Orgs;
import dev.tidings.registry.Registry;
import dev.tidings.registry.Webhooks;
import dev.tidings.store.ReadStore;
import java.time.Clock;

/** What the admin API works on, as the composition root wired it. */
public record AdminServices(
        Registry registry,
        Orgs orgs,
        Definitions definitions,
        Webhooks webhooks,
        ReadStore reads,
        PipelineControl pipeline,
        Clock clock,
        PendingRequests pending) {

    /** Without read-your-writes: a request the pipeline has not stored reads as not found. */
    public AdminServices(Registry registry, Orgs orgs, Definitions definitions, Webhooks webhooks, ReadStore reads,
            PipelineControl pipeline, Clock clock) {
        this(registry, orgs, definitions, webhooks, reads, pipeline, clock, (org, id) -> new PendingRequests.Unknown());
    }
}
