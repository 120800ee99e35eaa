package dev.tidings.loyalty;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tidings.config.DurationConverter;
import dev.tidings.expr.Compilation;
import dev.tidings.expr.EventExpressions;
import dev.tidings.expr.ExprType;
import dev.tidings.registry.AttributeDefinition;
import dev.tidings.registry.AttributeType;
import dev.tidings.registry.DefinitionStatus;
import dev.tidings.registry.EventDefinition;
import dev.tidings.registry.FieldProblem;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads a rule or milestone body (DESIGN §10), collecting every problem at once: unknown fields, missing
 * or mistyped values, and each CEL problem of {@code condition} and {@code points} (syntax, unknown
 * attribute, wrong type) as compiled against the event's current definition. Pure; no I/O.
 */
final class RuleParser {
    static final int MAX_NAME_LENGTH = 200;
    private static final Set<String> READ_ONLY = Set.of("id", "version", "createdAt", "updatedAt");
    static final Set<String> RULE_FIELDS = Set.of("name", "event", "condition", "points", "rounding", "caps", "validFrom",
            "validTo", "expiresAfter", "releaseAt", "status");
    static final Set<String> MILESTONE_FIELDS = Set.of("name", "event", "condition", "measure", "attribute", "target",
            "window", "points", "status");

    /** The fields of a body, checked; {@code definitions} finds the org's definition by event name. */
    record Fields(String name, EventDefinition definition, String condition, RuleStatus status) {}

    private final JsonNode body;
    private final List<FieldProblem> problems = new ArrayList<>();

    private RuleParser(JsonNode body, Set<String> known) {
        this.body = body;
        for (Map.Entry<String, JsonNode> f : body.properties()) {
            if (!known.contains(f.getKey()) && !READ_ONLY.contains(f.getKey())) {
                problems.add(FieldProblem.of(f.getKey(), "UNKNOWN_FIELD", f.getKey() + " is not a field here; the fields are "
                        + new TreeSet<>(known)));
            }
        }
    }

    /** A rule from {@code body}; the identity fields come from the caller. */
    static Rule rule(JsonNode body, Function<String, EventDefinition> definitions, String id, String orgId, int version,
            Instant createdAt, Instant now) {
        RuleParser p = new RuleParser(body, RULE_FIELDS);
        Fields f = p.common(definitions);
        String points = p.points(f.definition());
        Rounding rounding = p.enumField("rounding", Rounding.class, Rounding.FLOOR);
        List<Cap> caps = p.caps();
        Instant validFrom = p.instant("validFrom");
        Instant validTo = p.instant("validTo");
        if (validFrom != null && validTo != null && !validTo.isAfter(validFrom)) {
            p.problems.add(FieldProblem.of("validTo", "INVALID_RANGE", "validTo must be after validFrom"));
        }
        String expiresText = p.text("expiresAfter", false);
        Duration expires = null;
        if (expiresText != null) {
            try {
                expires = duration(expiresText);
                if (expires.isZero() || expires.isNegative()) {
                    p.problems.add(FieldProblem.of("expiresAfter", "INVALID_DURATION", "expiresAfter must be positive"));
                }
            } catch (IllegalArgumentException e) {
                p.problems.add(FieldProblem.of("expiresAfter", "INVALID_DURATION", "expiresAfter must be a duration such as"
                        + " 30d, 12h or PT90M, got \"" + expiresText + "\""));
            }
        }
        String releaseAt = p.text("releaseAt", false);
        if (releaseAt != null && f.definition() != null && attributeType(f.definition(), releaseAt) != AttributeType.DATE) {
            p.problems.add(FieldProblem.of("releaseAt", "NOT_A_DATE_ATTRIBUTE", "releaseAt must name a DATE attribute of "
                    + f.definition().name() + "; " + releaseAt + " is " + describe(attributeType(f.definition(), releaseAt))));
        }
        p.throwIfAny("Invalid rule");
        return new Rule(id, orgId, f.name(), f.definition().name(), f.condition(), points, rounding, caps, validFrom, validTo,
                expires, expiresText, releaseAt, f.status(), version, createdAt, now);
    }

    static Milestone milestone(JsonNode body, Function<String, EventDefinition> definitions, String id, String orgId,
            int version, Instant createdAt, Instant now) {
        RuleParser p = new RuleParser(body, MILESTONE_FIELDS);
        Fields f = p.common(definitions);
        Milestone.Measure measure = p.enumField("measure", Milestone.Measure.class, null);
        if (measure == null && !p.has("measure")) {
            p.problems.add(FieldProblem.of("measure", "REQUIRED", "measure is required: COUNT or SUM"));
        }
        String attribute = p.text("attribute", false);
        if (measure == Milestone.Measure.SUM) {
            AttributeType t = attribute == null || f.definition() == null ? null : attributeType(f.definition(), attribute);
            if (attribute == null) {
                p.problems.add(FieldProblem.of("attribute", "REQUIRED", "a SUM milestone needs the attribute it sums"));
            } else if (f.definition() != null && t != AttributeType.INTEGER && t != AttributeType.DOUBLE) {
                p.problems.add(FieldProblem.of("attribute", "NOT_A_NUMBER_ATTRIBUTE", "attribute must name an INTEGER or"
                        + " DOUBLE attribute of " + f.definition().name() + "; " + attribute + " is " + describe(t)));
            }
        }
        BigDecimal target = p.positiveNumber("target", true);
        if (target != null && measure == Milestone.Measure.COUNT && target.stripTrailingZeros().scale() > 0) {
            p.problems.add(FieldProblem.of("target", "WRONG_TYPE", "the target of a COUNT milestone must be a whole number"));
        }
        Window window = p.enumField("window", Window.class, null);
        if (window == null && !p.has("window")) {
            p.problems.add(FieldProblem.of("window", "REQUIRED", "window is required: DAY, WEEK, MONTH, YEAR or LIFETIME"));
        } else if (window != null && !window.hasStart()) {
            p.problems.add(FieldProblem.of("window", "INVALID_WINDOW", "a milestone is reached once per window, so its"
                    + " window is DAY, WEEK, MONTH, YEAR or LIFETIME, not " + window));
        }
        BigDecimal points = p.positiveNumber("points", true);
        p.throwIfAny("Invalid milestone");
        return new Milestone(id, orgId, f.name(), f.definition().name(), f.condition(), measure,
                measure == Milestone.Measure.SUM ? attribute : null, target, window, Points.hundredths(points), f.status(),
                version, createdAt, now);
    }

    /** {@code 365d}, {@code 12h}, ISO-8601; IllegalArgumentException otherwise. */
    static Duration duration(String text) {
        try {
            return new DurationConverter().convert(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private Fields common(Function<String, EventDefinition> definitions) {
        String name = text("name", true);
        if (name != null && (name.isBlank() || name.length() > MAX_NAME_LENGTH)) {
            problems.add(FieldProblem.of("name", "INVALID_NAME", "name must be 1 to " + MAX_NAME_LENGTH + " characters"));
        }
        String event = text("event", true);
        EventDefinition definition = event == null ? null : definitions.apply(event);
        if (event != null && definition == null) {
            problems.add(FieldProblem.of("event", "UNKNOWN_EVENT", "the org has no event named " + event));
        } else if (definition != null && definition.status() == DefinitionStatus.DISABLED) {
            problems.add(FieldProblem.of("event", "EVENT_DISABLED", "event " + event + " is disabled and never earns"));
        }
        String condition = text("condition", false);
        if (condition != null && definition != null) {
            expression("condition", condition, ExprType.CONDITION, definition);
        }
        RuleStatus status = enumField("status", RuleStatus.class, RuleStatus.ACTIVE);
        return new Fields(name, definition, condition, status);
    }

    /** A number as its plain text, or an expression source checked to give a number. */
    private String points(EventDefinition definition) {
        JsonNode v = body.get("points");
        if (v == null || v.isNull()) {
            problems.add(FieldProblem.of("points", "REQUIRED", "points is required: a number or an expression"));
            return null;
        }
        if (v.isNumber()) {
            if (v.decimalValue().signum() <= 0) {
                problems.add(FieldProblem.of("points", "NOT_POSITIVE", "points must be more than 0"));
            }
            return v.decimalValue().toPlainString();
        }
        if (!v.isTextual()) {
            problems.add(FieldProblem.of("points", "WRONG_TYPE", "points must be a number or an expression string"));
            return null;
        }
        if (EarningJson.constant(v.asText()) != null) {
            return EarningJson.constant(v.asText()).toPlainString();
        }
        if (definition != null) {
            expression("points", v.asText(), ExprType.NUMBER, definition);
        }
        return v.asText();
    }

    private void expression(String field, String source, ExprType type, EventDefinition definition) {
        Compilation c = EventExpressions.compile(source, type, definition);
        for (String problem : c.problems()) {
            problems.add(FieldProblem.of(field, "INVALID_EXPRESSION", field + ": " + problem));
        }
    }

    private List<Cap> caps() {
        List<Cap> caps = new ArrayList<>();
        JsonNode v = body.get("caps");
        if (v == null || v.isNull()) {
            return caps;
        }
        if (!v.isArray()) {
            problems.add(FieldProblem.of("caps", "WRONG_TYPE", "caps must be an array of {metric, max, window}"));
            return caps;
        }
        for (int i = 0; i < v.size(); i++) {
            JsonNode c = v.get(i);
            String at = "caps[" + i + "]";
            if (!c.isObject()) {
                problems.add(FieldProblem.of(at, "WRONG_TYPE", at + " must be an object {metric, max, window}"));
                continue;
            }
            Cap.Metric metric = constant(c.get("metric"), Cap.Metric.class, at + ".metric");
            Window window = constant(c.get("window"), Window.class, at + ".window");
            JsonNode max = c.get("max");
            Long limit = null;
            if (max == null || !max.isNumber() || max.decimalValue().signum() <= 0) {
                problems.add(FieldProblem.of(at + ".max", "NOT_POSITIVE", at + ".max must be a number more than 0"));
            } else if (metric == Cap.Metric.EVENTS && !max.canConvertToExactIntegral()) {
                problems.add(FieldProblem.of(at + ".max", "WRONG_TYPE", at + ".max of an EVENTS cap must be a whole number"));
            } else if (metric != null) {
                limit = metric == Cap.Metric.EVENTS ? max.asLong() : Points.hundredths(max.decimalValue());
            }
            if (metric != null && window != null && limit != null) {
                caps.add(new Cap(metric, limit, window));
            }
        }
        return caps;
    }

    private <E extends Enum<E>> E constant(JsonNode v, Class<E> type, String field) {
        if (v == null || !v.isTextual()) {
            problems.add(FieldProblem.of(field, "REQUIRED", field + " must be one of " + List.of(type.getEnumConstants())));
            return null;
        }
        try {
            return Enum.valueOf(type, v.asText());
        } catch (IllegalArgumentException e) {
            problems.add(FieldProblem.of(field, "NOT_IN_ENUM", field + " must be one of " + List.of(type.getEnumConstants())
                    + ", got \"" + v.asText() + "\""));
            return null;
        }
    }

    private <E extends Enum<E>> E enumField(String field, Class<E> type, E fallback) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? fallback : constant(v, type, field);
    }

    private BigDecimal positiveNumber(String field, boolean required) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                problems.add(FieldProblem.of(field, "REQUIRED", field + " is required"));
            }
            return null;
        }
        if (!v.isNumber() || v.decimalValue().signum() <= 0) {
            problems.add(FieldProblem.of(field, "NOT_POSITIVE", field + " must be a number more than 0"));
            return null;
        }
        if (v.decimalValue().stripTrailingZeros().scale() > 2) {
            problems.add(FieldProblem.of(field, "TOO_PRECISE", field + " has at most two decimals"));
            return null;
        }
        return v.decimalValue();
    }

    private Instant instant(String field) {
        String t = text(field, false);
        if (t == null) {
            return null;
        }
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            problems.add(FieldProblem.of(field, "INVALID_DATE", field + " must be an ISO-8601 instant such as"
                    + " 2026-01-01T00:00:00Z, got \"" + t + "\""));
            return null;
        }
    }

    private boolean has(String field) {
        JsonNode v = body.get(field);
        return v != null && !v.isNull();
    }

    private String text(String field, boolean required) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                problems.add(FieldProblem.of(field, "REQUIRED", field + " is required"));
            }
            return null;
        }
        if (!v.isTextual()) {
            problems.add(FieldProblem.of(field, "WRONG_TYPE", field + " must be a string"));
            return null;
        }
        return v.asText();
    }

    private void throwIfAny(String what) {
        if (!problems.isEmpty()) {
            throw new LoyaltyException(LoyaltyException.Failure.INVALID, what + ": " + problems.size()
                    + (problems.size() == 1 ? " problem" : " problems"), problems);
        }
    }

    static AttributeType attributeType(EventDefinition d, String name) {
        for (AttributeDefinition a : d.attributes()) {
            if (a.name().equals(name)) {
                return a.type();
            }
        }
        return null;
    }

    private static String describe(AttributeType t) {
        return t == null ? "not an attribute of the event" : "a " + t + " attribute";
    }
}
