package dev.tidings.registry;

/**
 * One problem with one part of an input: an attribute of a posted event or a field of an admin request.
 * {@code attribute} is null for problems with the whole input. {@code code} is a stable upper-case word
 * (REQUIRED, WRONG_TYPE, NOT_IN_ENUM, ...) that clients may switch on; {@code message} is for people.
 */
public record FieldProblem(String attribute, String code, String message) {

    public static FieldProblem of(String attribute, String code, String message) {
        return new FieldProblem(attribute, code, message);
    }

    public static FieldProblem whole(String code, String message) {
        return new FieldProblem(null, code, message);
    }
}
