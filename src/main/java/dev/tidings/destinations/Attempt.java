package dev.tidings.destinations;

/**
 * One attempt of a delivery: {@code n} from 1, when it started, the HTTP status (0 when there was no
 * answer: refused address, timeout, connection error, Kafka failure) or the {@code error}, how long it
 * took, and the first KiB of the answer.
 */
public record Attempt(String deliveryId, int n, long at, int status, String error, long durationMs, String response) {}
