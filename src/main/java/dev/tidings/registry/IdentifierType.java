package dev.tidings.registry;

/** How a CUSTOMER attribute's value finds the customer. */
public enum IdentifierType {
    MOBILE, EMAIL, EXTERNAL_ID, USER_ID, CARD_NUMBER
}
