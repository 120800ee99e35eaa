package dev.tidings.loyalty;

import dev.tidings.expr.Compilation;
import dev.tidings.expr.EventExpression;
import dev.tidings.expr.EventExpressions;
import dev.tidings.expr.ExprType;
import dev.tidings.registry.EventDefinition;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A rule or milestone with its expressions compiled against one definition version. Compiling is far
 * dearer than evaluating, so the engine keeps these by rule version and definition version.
 * {@code problems} is non-empty when a definition change broke an expression that compiled when saved.
 */
record CompiledEarning(Earning earning, EventExpression condition, EventExpression points, BigDecimal constant,
        List<String> problems) {

    static CompiledEarning of(Earning e, EventDefinition definition) {
        List<String> problems = new ArrayList<>();
        EventExpression condition = e.condition() == null ? null : compile(e.condition(), ExprType.CONDITION, definition, problems);
        EventExpression points = null;
        BigDecimal constant = null;
        if (e instanceof Rule r) {
            constant = EarningJson.constant(r.points());
            if (constant == null) {
                points = compile(r.points(), ExprType.NUMBER, definition, problems);
            }
        } else {
            constant = Points.decimal(((Milestone) e).points());
        }
        return new CompiledEarning(e, condition, points, constant, problems);
    }

    private static EventExpression compile(String source, ExprType type, EventDefinition d, List<String> problems) {
        Compilation c = EventExpressions.compile(source, type, d);
        problems.addAll(c.problems());
        return c.expression();
    }
}
