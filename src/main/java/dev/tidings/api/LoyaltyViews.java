package dev.tidings.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tidings.loyalty.Award;
import dev.tidings.loyalty.Balances;
import dev.tidings.loyalty.Evaluation;
import dev.tidings.loyalty.LedgerEntry;
import dev.tidings.loyalty.Points;
import dev.tidings.loyalty.Totals;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The JSON shapes of DESIGN §10: balance, ledger entries, and a request's loyalty section. */
final class LoyaltyViews {
    static final String EVALUATED = "LOYALTY_EVALUATED";

    private LoyaltyViews() {}

    static ObjectNode balance(String customerId, Balances.Balance b) {
        Totals t = b.totals();
        ObjectNode n = Replies.mapper().createObjectNode();
        n.put("customerId", customerId);
        n.put("balance", Points.decimal(t.balance()));
        n.put("pending", Points.decimal(t.pending()));
        n.put("totalEarned", Points.decimal(t.earned()));
        n.put("totalExpired", Points.decimal(t.expired()));
        n.put("totalReversed", Points.decimal(t.reversed()));
        n.put("expiringWithin30Days", Points.decimal(t.expiringSoon()));
        ArrayNode milestones = n.putArray("milestones");
        for (Balances.MilestoneView m : b.milestones()) {
            milestones.addObject()
                    .put("id", m.milestone().id())
                    .put("name", m.milestone().name())
                    .put("current", Points.decimal(m.current()))
                    .put("target", m.milestone().target())
                    .put("windowStart", m.windowStart() == Long.MIN_VALUE ? null : Instant.ofEpochMilli(m.windowStart()).toString())
                    .put("achievedAt", time(m.achievedAt()));
        }
        return n;
    }

    static ObjectNode entry(LedgerEntry e, long now) {
        ObjectNode n = Replies.mapper().createObjectNode();
        n.put("entryId", e.entryId());
        n.put("type", e.type().name());
        n.put("points", Points.decimal(e.points()));
        n.put("status", e.status(now).name());
        n.put("ruleId", e.ruleId());
        if (e.ruleVersion() == null) {
            n.putNull("ruleVersion");
        } else {
            n.put("ruleVersion", e.ruleVersion());
        }
        n.put("requestId", e.requestId());
        n.put("at", Instant.ofEpochMilli(e.at()).toString());
        n.put("releaseAt", time(e.releaseAt()));
        n.put("expiresAt", time(e.expiresAt()));
        n.put("note", e.note());
        n.put("actor", e.actor());
        n.put("reverses", e.reverses());
        return n;
    }

    /**
     * Adds to a request view what loyalty did with it, composed from loyalty's own tables: the awards,
     * the evaluation's per-rule results, and a LOYALTY_EVALUATED state after the pipeline's states.
     */
    static void addTo(ObjectNode request, List<Award> awards, Optional<Evaluation> evaluation) {
        if (evaluation.isEmpty() && awards.isEmpty()) {
            return;
        }
        ObjectNode loyalty = request.putObject("loyalty");
        ArrayNode list = loyalty.putArray("awards");
        for (Award a : awards) {
            list.addObject()
                    .put("ruleId", a.ruleId())
                    .put("ruleVersion", a.ruleVersion())
                    .put("points", Points.decimal(a.points()))
                    .put("entryId", a.entryId())
                    .put("capped", a.capped());
        }
        if (evaluation.isPresent()) {
            Evaluation e = evaluation.get();
            loyalty.put("dryRun", e.dryRun());
            loyalty.set("results", parse(e.results()));
            JsonNode states = request.get("states");
            if (states instanceof ArrayNode array) {
                array.addObject().put("state", EVALUATED).put("at", Instant.ofEpochMilli(e.at()).toString())
                        .put("message", e.message());
            }
        }
    }

    private static JsonNode parse(String json) {
        try {
            return Replies.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("stored loyalty results are not JSON", e);
        }
    }

    private static String time(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis).toString();
    }
}
