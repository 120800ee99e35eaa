package dev.tidings.loyalty;

import dev.tidings.expr.Evaluation;
import dev.tidings.registry.EventDefinition;
import dev.tidings.store.StoredEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates an event against rules and milestones and says why, for the engine and the dry run alike,
 * so what the dry run promises is what the engine pays. Writes nothing: the engine writes what the
 * outcomes decide. Thread-safe (the compiled cache is concurrent).
 */
public final class Evaluator {
    private static final Pattern ATTRIBUTE = Pattern.compile("\\bevent\\.([A-Za-z_][A-Za-z0-9_]*)");
    private static final int MAX_CACHED = 10_000;

    private final Map<String, CompiledEarning> compiled = new ConcurrentHashMap<>();

    /** Every outcome, rules first (oldest first), then milestones. */
    public List<Outcome> evaluate(List<Earning> earnings, EventDefinition definition, StoredEvent event, ZoneId zone,
            Usages usages) {
        List<Outcome> outcomes = new ArrayList<>(earnings.size());
        List<Earning> ordered = new ArrayList<>(earnings);
        ordered.sort(Comparator.comparing((Earning e) -> e instanceof Milestone).thenComparing(Earning::createdAt)
                .thenComparing(Earning::id));
        for (Earning e : ordered) {
            CompiledEarning c = compiled(e, definition);
            outcomes.add(e instanceof Rule r ? rule(r, c, event, zone, usages) : milestone((Milestone) e, c, event, zone, usages));
        }
        return outcomes;
    }

    private CompiledEarning compiled(Earning e, EventDefinition d) {
        String key = e.id() + ":" + e.version() + ":" + d.id() + ":" + d.version();
        if (compiled.size() > MAX_CACHED) {
            compiled.clear();
        }
        return compiled.computeIfAbsent(key, k -> CompiledEarning.of(e, d));
    }

    private Outcome rule(Rule r, CompiledEarning c, StoredEvent event, ZoneId zone, Usages usages) {
        if (r.status() == RuleStatus.INACTIVE) {
            return new Outcome(r, Outcome.Result.INACTIVE, 0, false, "the rule is INACTIVE", null, null, null);
        }
        if (!r.validAt(event.eventDateTime())) {
            return new Outcome(r, Outcome.Result.OUT_OF_WINDOW, 0, false, "eventDateTime "
                    + Instant.ofEpochMilli(event.eventDateTime()) + " is outside the rule's validity ("
                    + validity(r) + ")", null, null, null);
        }
        StringBuilder why = new StringBuilder();
        if (!matches(c, event, why)) {
            return new Outcome(r, Outcome.Result.NO_MATCH, 0, false, why.toString(), null, null, null);
        }
        BigDecimal raw;
        if (c.points() == null) {
            raw = c.constant();
            why.append("points = ").append(raw.toPlainString());
        } else {
            Evaluation v = c.points().evaluate(event);
            Optional<BigDecimal> n = v.ok() ? number(v.value()) : Optional.empty();
            if (n.isEmpty()) {
                why.append("points = ").append(r.points()).append(" could not be evaluated: ")
                        .append(v.ok() ? "it is not a finite number" : v.error());
                return new Outcome(r, Outcome.Result.NO_MATCH, 0, false, why.toString(), null, null, null);
            }
            raw = n.get();
            why.append("points = ").append(substituted(r.points(), event)).append(" = ").append(raw.toPlainString());
        }
        long points = r.rounding().apply(raw);
        if (raw.compareTo(Points.decimal(points)) != 0) {
            why.append(", ").append(r.rounding()).append(" → ").append(Points.text(points));
        }
        if (points <= 0) {
            why.append("; nothing to award");
            return new Outcome(r, Outcome.Result.NO_MATCH, 0, false, why.toString(), null, null, null);
        }
        boolean capped = false;
        for (Cap cap : orderedCaps(r.caps())) {
            Usage used = usages.usage(r.id(), event.customer().id(), cap.window().capSpan(event.eventDateTime(), zone));
            if (cap.metric() == Cap.Metric.EVENTS) {
                if (used.events() >= cap.max()) {
                    why.append("; capped: ").append(cap.describe()).append(" reached (").append(used.events())
                            .append(" awarded already), nothing awarded");
                    points = 0;
                    capped = true;
                    break;
                }
            } else {
                long room = cap.max() - used.points();
                if (points > room) {
                    long fit = Math.max(0, room);
                    why.append("; capped by ").append(cap.describe()).append(": ").append(Points.text(used.points()))
                            .append(" awarded already, ").append(Points.text(fit)).append(" of ").append(Points.text(points))
                            .append(" fit");
                    points = fit;
                    capped = true;
                    if (points == 0) {
                        break;
                    }
                }
            }
        }
        Long releaseAt = r.releaseAt() == null ? null : dateValue(event.attributes().get(r.releaseAt()));
        Long expiresAt = r.expiresAfter() == null ? null : event.eventDateTime() + r.expiresAfter().toMillis();
        if (releaseAt != null && points > 0) {
            why.append("; pending until ").append(Instant.ofEpochMilli(releaseAt));
        }
        if (expiresAt != null && points > 0) {
            why.append("; expires ").append(Instant.ofEpochMilli(expiresAt));
        }
        return new Outcome(r, capped ? Outcome.Result.CAPPED : Outcome.Result.AWARD, points, capped, why.toString(),
                releaseAt, expiresAt, null);
    }

    private Outcome milestone(Milestone m, CompiledEarning c, StoredEvent event, ZoneId zone, Usages usages) {
        if (m.status() == RuleStatus.INACTIVE) {
            return new Outcome(m, Outcome.Result.INACTIVE, 0, false, "the milestone is INACTIVE", null, null, null);
        }
        StringBuilder why = new StringBuilder();
        if (!matches(c, event, why)) {
            return new Outcome(m, Outcome.Result.NO_MATCH, 0, false, why.toString(), null, null, null);
        }
        long add;
        if (m.measure() == Milestone.Measure.COUNT) {
            add = 100;
        } else {
            Optional<BigDecimal> v = number(event.attributes().get(m.attribute()));
            if (v.isEmpty()) {
                why.append("the event has no ").append(m.attribute()).append(" to add up");
                return new Outcome(m, Outcome.Result.NO_MATCH, 0, false, why.toString(), null, null, null);
            }
            add = Points.hundredths(v.get());
        }
        long windowStart = m.window().around(event.eventDateTime(), zone).from();
        Optional<Progress> p = usages.progress(m.id(), event.customer().id(), windowStart);
        long before = p.map(Progress::current).orElse(0L);
        long after = before + add;
        boolean already = p.map(Progress::achievedAt).isPresent();
        boolean reached = !already && after >= m.targetHundredths();
        why.append(m.measure()).append(m.measure() == Milestone.Measure.SUM ? " of " + m.attribute() : "").append(" ")
                .append(m.window().phrase()).append(": ").append(Points.text(before)).append(" + ")
                .append(Points.text(add)).append(" = ").append(Points.text(after)).append(" of ")
                .append(m.target().stripTrailingZeros().toPlainString());
        Outcome.Step step = new Outcome.Step(windowStart, before, after, reached, already);
        if (already) {
            why.append("; already reached in this window, awarded once");
            return new Outcome(m, Outcome.Result.NO_MATCH, 0, false, why.toString(), null, null, step);
        }
        if (!reached) {
            return new Outcome(m, Outcome.Result.NO_MATCH, 0, false, why.toString(), null, null, step);
        }
        why.append(": reached, ").append(Points.text(m.points())).append(" points");
        return new Outcome(m, Outcome.Result.AWARD, m.points(), false, why.toString(), null, null, step);
    }

    /** Appends "<condition> is true/false; " and answers whether it holds (no condition always holds). */
    private static boolean matches(CompiledEarning c, StoredEvent event, StringBuilder why) {
        if (!c.problems().isEmpty()) {
            why.append("the rule no longer compiles against event ").append(event.eventName()).append(": ")
                    .append(String.join("; ", c.problems()));
            return false;
        }
        if (c.condition() == null) {
            return true;
        }
        Evaluation v = c.condition().evaluate(event);
        if (!v.ok()) {
            why.append(c.earning().condition()).append(" could not be evaluated: ").append(v.error());
            return false;
        }
        why.append(c.earning().condition()).append(v.isTrue() ? " is true" : " is false");
        if (!v.isTrue()) {
            String values = substituted(c.earning().condition(), event);
            if (!values.equals(c.earning().condition())) {
                why.append(" (").append(values).append(")");
            }
            return false;
        }
        why.append("; ");
        return true;
    }

    /** EVENTS caps first: a skipped award is skipped whatever points would fit. */
    private static List<Cap> orderedCaps(List<Cap> caps) {
        List<Cap> ordered = new ArrayList<>(caps);
        ordered.sort(Comparator.comparing(c -> c.metric() == Cap.Metric.POINTS));
        return ordered;
    }

    /** The source with each {@code event.x} replaced by the event's value: "12 * 100". */
    static String substituted(String source, StoredEvent event) {
        Matcher m = ATTRIBUTE.matcher(source);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            Object value = "eventDateTime".equals(name) ? (Object) Instant.ofEpochMilli(event.eventDateTime())
                    : event.attributes().get(name);
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : literal(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String literal(Object value) {
        if (value instanceof String s) {
            return "\"" + s + "\"";
        }
        return value.toString();
    }

    private static Optional<BigDecimal> number(Object value) {
        if (value instanceof Long || value instanceof Integer) {
            return Optional.of(BigDecimal.valueOf(((Number) value).longValue()));
        }
        if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
            // The shortest decimal that reads back as this double: 0.1 is 0.1, not 0.1000000000000000055…
            return Optional.of(BigDecimal.valueOf(n.doubleValue()));
        }
        return Optional.empty();
    }

    private static Long dateValue(Object value) {
        return value instanceof Number n ? n.longValue() : null;
    }

    private static String validity(Rule r) {
        return (r.validFrom() == null ? "" : "from " + r.validFrom()) + (r.validFrom() != null && r.validTo() != null ? " " : "")
                + (r.validTo() == null ? "" : "until " + r.validTo());
    }
}
