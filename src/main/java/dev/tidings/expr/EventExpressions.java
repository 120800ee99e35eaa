package dev.tidings.expr;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import dev.cel.common.types.StructType;
import dev.tidings.registry.EventDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compiles CEL expressions over {@code event}, the typed attributes of one event definition (loyalty
 * rule conditions and points, destination filters). Compiled once when a rule or destination is saved
 * or loaded; the result is immutable and safe to evaluate from any thread.
 *
 * <p>Cost is bounded without a timer: events are flat, so no list or map is ever in scope and only the
 * {@code has()} macro is offered (no comprehension can loop), the source length and nesting are capped,
 * and a program's cost is linear in its size.
 */
public final class EventExpressions {
    /** Longest accepted source; rules and filters are one-liners. */
    public static final int MAX_SOURCE_LENGTH = 1000;
    private static final int MAX_NESTING = 32;

    private EventExpressions() {}

    public static Compilation compile(String source, ExprType expected, EventDefinition definition) {
        if (source == null || source.isBlank()) {
            return Compilation.failed(List.of("the expression is empty"));
        }
        if (source.length() > MAX_SOURCE_LENGTH) {
            return Compilation.failed(List.of("the expression has " + source.length() + " characters; at most "
                    + MAX_SOURCE_LENGTH + " are allowed"));
        }
        EventFields fields = EventFields.of(definition);
        Cel cel = compiler(fields.struct());
        CelValidationResult result = cel.compile(source);
        if (result.hasError()) {
            return Compilation.failed(problems(result, definition));
        }
        try {
            CelType type = result.getAst().getResultType();
            if (!fits(type, expected)) {
                return Compilation.failed(List.of("the expression gives " + type.name() + " but "
                        + (expected == ExprType.CONDITION ? "a condition must give bool" : "points must be int or double")));
            }
            return Compilation.of(new EventExpression(source, type.kind() == CelKind.BOOL ? Boolean.class
                    : type == SimpleType.INT ? Long.class : Double.class, cel.createProgram(result.getAst()), fields));
        } catch (Exception e) {
            return Compilation.failed(List.of(e.getMessage()));
        }
    }

    private static boolean fits(CelType type, ExprType expected) {
        return expected == ExprType.CONDITION
                ? type == SimpleType.BOOL
                : type == SimpleType.INT || type == SimpleType.DOUBLE;
    }

    private static Cel compiler(StructType struct) {
        CelTypeProvider types = new CelTypeProvider() {
            @Override
            public ImmutableCollection<CelType> types() {
                return ImmutableList.of(struct);
            }

            @Override
            public Optional<CelType> findType(String name) {
                return struct.name().equals(name) ? Optional.of(struct) : Optional.empty();
            }
        };
        return CelFactory.standardCelBuilder()
                .setOptions(CelOptions.current().maxParseRecursionDepth(MAX_NESTING).build())
                .setStandardMacros(CelStandardMacro.HAS)
                .setTypeProvider(types)
                .addVar("event", struct)
                .build();
    }

    /** CEL's messages, each with its position, and "undefined field" said in the user's words. */
    private static List<String> problems(CelValidationResult result, EventDefinition definition) {
        List<String> problems = new ArrayList<>();
        for (CelIssue issue : result.getAllIssues()) {
            String message = issue.getMessage();
            if (message.startsWith("undefined field '")) {
                String name = message.substring("undefined field '".length(), message.length() - 1);
                message = "unknown attribute '" + name + "': event " + definition.name() + " has no such attribute";
            }
            problems.add(issue.getSourceLocation().getLine() + ":" + (issue.getSourceLocation().getColumn() + 1)
                    + ": " + message);
        }
        return problems;
    }
}
