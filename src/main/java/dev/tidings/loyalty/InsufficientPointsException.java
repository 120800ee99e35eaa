package dev.tidings.loyalty;

/** A spend larger than the customer's available balance; nothing was written. */
public final class InsufficientPointsException extends RuntimeException {
    private final long available;

    public InsufficientPointsException(long available) {
        super("the customer has " + Points.text(available) + " points available", null, false, false);
        this.available = available;
    }

    public long available() {
        return available;
    }
}
