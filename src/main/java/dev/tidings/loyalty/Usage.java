package dev.tidings.loyalty;

/** How many awards with points a rule gave a customer in a window, and their points (hundredths). */
public record Usage(long events, long points) {}
