package dev.tidings.registry;

/** The seven attribute kinds of an event definition (DESIGN §4). */
public enum AttributeType {
    STRING, DOUBLE, INTEGER, BOOLEAN, DATE, ENUM, CUSTOMER
}
