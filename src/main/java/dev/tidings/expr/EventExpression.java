package dev.tidings.expr;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.tidings.store.StoredEvent;
import java.util.Map;

/** One compiled, type-checked expression over events of one definition. Immutable and thread-safe. */
public final class EventExpression {
    private final String source;
    private final Class<?> resultType;
    private final CelRuntime.Program program;
    private final EventFields fields;

    EventExpression(String source, Class<?> resultType, CelRuntime.Program program, EventFields fields) {
        this.source = source;
        this.resultType = resultType;
        this.program = program;
        this.fields = fields;
    }

    public String source() {
        return source;
    }

    /** {@code Boolean}, {@code Long} or {@code Double}: what {@link Evaluation#value()} holds. */
    public Class<?> resultType() {
        return resultType;
    }

    public Evaluation evaluate(StoredEvent event) {
        return evaluate(event.attributes(), event.eventDateTime());
    }

    /** Over typed attribute values as the pipeline stores them (DATE as epoch ms, INTEGER as a whole number). */
    public Evaluation evaluate(Map<String, Object> attributes, long eventDateTimeMs) {
        try {
            return Evaluation.of(program.eval(Map.of("event", fields.values(attributes, eventDateTimeMs))));
        } catch (CelEvaluationException e) {
            return Evaluation.failed(e.getMessage());
        } catch (RuntimeException e) {
            // CEL reports some runtime faults (overflow, a missing key) as unchecked exceptions.
            return Evaluation.failed(String.valueOf(e.getMessage()));
        }
    }

    @Override
    public String toString() {
        return source;
    }
}
