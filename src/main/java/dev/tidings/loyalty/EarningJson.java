package dev.tidings.loyalty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Rules and milestones as JSON: the shape the API answers with, which is also what the stores keep
 * (one document per rule), so what is shown is exactly what is evaluated.
 */
public final class EarningJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EarningJson() {}

    public static ObjectNode view(Earning e) {
        return e instanceof Rule r ? rule(r) : milestone((Milestone) e);
    }

    public static String document(Earning e) {
        return view(e).toString();
    }

    /** Reads back what {@link #document} wrote for the org. */
    public static Earning read(String orgId, boolean milestone, String document) {
        try {
            JsonNode n = JSON.readTree(document);
            return milestone ? readMilestone(orgId, n) : readRule(orgId, n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode rule(Rule r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", r.id());
        n.put("name", r.name());
        n.put("event", r.event());
        n.put("condition", r.condition());
        BigDecimal constant = constant(r.points());
        if (constant != null) {
            n.put("points", constant);
        } else {
            n.put("points", r.points());
        }
        n.put("rounding", r.rounding().name());
        ArrayNode caps = n.putArray("caps");
        for (Cap c : r.caps()) {
            ObjectNode cap = caps.addObject().put("metric", c.metric().name());
            if (c.metric() == Cap.Metric.POINTS) {
                cap.put("max", Points.decimal(c.max()));
            } else {
                cap.put("max", c.max());
            }
            cap.put("window", c.window().name());
        }
        n.put("validFrom", r.validFrom() == null ? null : r.validFrom().toString());
        n.put("validTo", r.validTo() == null ? null : r.validTo().toString());
        n.put("expiresAfter", r.expiresAfterText());
        n.put("releaseAt", r.releaseAt());
        common(n, r.status(), r.version(), r.createdAt(), r.updatedAt());
        return n;
    }

    private static ObjectNode milestone(Milestone m) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", m.id());
        n.put("name", m.name());
        n.put("event", m.event());
        n.put("condition", m.condition());
        n.put("measure", m.measure().name());
        n.put("attribute", m.attribute());
        n.put("target", m.target());
        n.put("window", m.window().name());
        n.put("points", Points.decimal(m.points()));
        common(n, m.status(), m.version(), m.createdAt(), m.updatedAt());
        return n;
    }

    private static void common(ObjectNode n, RuleStatus status, int version, Instant createdAt, Instant updatedAt) {
        n.put("status", status.name());
        n.put("version", version);
        n.put("createdAt", createdAt.toString());
        n.put("updatedAt", updatedAt.toString());
    }

    private static Rule readRule(String orgId, JsonNode n) {
        List<Cap> caps = new ArrayList<>();
        for (JsonNode c : n.get("caps")) {
            Cap.Metric metric = Cap.Metric.valueOf(c.get("metric").asText());
            long max = metric == Cap.Metric.POINTS ? Points.hundredths(c.get("max").decimalValue()) : c.get("max").asLong();
            caps.add(new Cap(metric, max, Window.valueOf(c.get("window").asText())));
        }
        String expires = text(n, "expiresAfter");
        return new Rule(n.get("id").asText(), orgId, n.get("name").asText(), n.get("event").asText(), text(n, "condition"),
                n.get("points").isNumber() ? n.get("points").decimalValue().toPlainString() : n.get("points").asText(),
                Rounding.valueOf(n.get("rounding").asText()), caps, instant(n, "validFrom"), instant(n, "validTo"),
                expires == null ? null : RuleParser.duration(expires), expires, text(n, "releaseAt"),
                RuleStatus.valueOf(n.get("status").asText()), n.get("version").asInt(),
                Instant.parse(n.get("createdAt").asText()), Instant.parse(n.get("updatedAt").asText()));
    }

    private static Milestone readMilestone(String orgId, JsonNode n) {
        return new Milestone(n.get("id").asText(), orgId, n.get("name").asText(), n.get("event").asText(),
                text(n, "condition"), Milestone.Measure.valueOf(n.get("measure").asText()), text(n, "attribute"),
                n.get("target").decimalValue(), Window.valueOf(n.get("window").asText()),
                Points.hundredths(n.get("points").decimalValue()), RuleStatus.valueOf(n.get("status").asText()),
                n.get("version").asInt(), Instant.parse(n.get("createdAt").asText()),
                Instant.parse(n.get("updatedAt").asText()));
    }

    /** The number a points source is, or null when it is an expression. */
    public static BigDecimal constant(String points) {
        try {
            return new BigDecimal(points.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Instant instant(JsonNode n, String field) {
        String t = text(n, field);
        return t == null ? null : Instant.parse(t);
    }

}
