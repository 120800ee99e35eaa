package dev.tidings.expr;

/** What an expression must produce: a condition (bool) or an amount (int or double). */
public enum ExprType {
    CONDITION,
    NUMBER
}
