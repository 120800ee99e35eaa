package dev.tidings.log;

/**
 * A record read from a partition of the log; {@code position} is its own position in that partition.
 * {@code record} is null when the bytes could not be read, and {@code unreadable} then says why: the
 * pipeline records such an entry FAILED and goes on instead of stalling behind it.
 */
public record ConsumedRecord(int partition, long position, LogRecord record, String unreadable) {

    public static ConsumedRecord decode(int partition, long position, byte[] bytes) {
        try {
            return new ConsumedRecord(partition, position, LogCodec.decode(bytes), null);
        } catch (UnreadableRecordException e) {
            return new ConsumedRecord(partition, position, null, e.getMessage());
        }
    }

    /** The position to resume from once this record is processed. */
    public long next() {
        return position + 1;
    }
}
