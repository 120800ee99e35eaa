package dev.tidings.destinations;

/** PENDING until a 2xx (DELIVERED) or the schedule is used up (FAILED, the dead letter; replay makes it PENDING again). */
public enum DeliveryStatus { PENDING, DELIVERED, FAILED }
