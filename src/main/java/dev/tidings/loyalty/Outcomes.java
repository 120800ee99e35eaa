package dev.tidings.loyalty;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/** Outcomes as JSON (the dry run's {@code results}, a request's evaluation) and as one summary line. */
public final class Outcomes {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Outcomes() {}

    public static ArrayNode json(List<Outcome> outcomes) {
        ArrayNode results = JSON.createArrayNode();
        for (Outcome o : outcomes) {
            ObjectNode n = results.addObject();
            n.put("id", o.earning().id());
            n.put("kind", o.earning() instanceof Milestone ? "MILESTONE" : "RULE");
            n.put("name", o.earning().name());
            n.put("version", o.earning().version());
            n.put("outcome", o.result().name());
            n.put("points", Points.decimal(o.points()));
            n.put("capped", o.capped());
            n.put("explanation", o.explanation());
            if (o.releaseAt() != null && o.points() > 0) {
                n.put("releaseAt", Instant.ofEpochMilli(o.releaseAt()).toString());
            }
            if (o.expiresAt() != null && o.points() > 0) {
                n.put("expiresAt", Instant.ofEpochMilli(o.expiresAt()).toString());
            }
        }
        return results;
    }

    /** "earned 1200 points from 1 of 2 rules (1 capped)", or for a test event "dry run: would earn …". */
    public static String message(List<Outcome> outcomes, boolean dryRun) {
        long points = 0;
        int decided = 0;
        int capped = 0;
        for (Outcome o : outcomes) {
            points += o.points();
            if (o.decided()) {
                decided++;
            }
            if (o.capped()) {
                capped++;
            }
        }
        String verb = dryRun ? "dry run (test event, nothing written): would earn " : "earned ";
        return verb + Points.text(points) + " points from " + decided + " of " + outcomes.size()
                + (outcomes.size() == 1 ? " rule or milestone" : " rules and milestones")
                + (capped > 0 ? " (" + capped + " capped)" : "");
    }
}
