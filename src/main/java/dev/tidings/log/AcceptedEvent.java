package dev.tidings.log;

import java.util.List;
import java.util.Map;

/**
 * An event the intake validated and answered 1100 for, carried through the log with everything the
 * pipeline needs, so that nothing after the intake parses or validates again.
 *
 * @param attributes       typed values in definition order (STRING/ENUM/CUSTOMER → String, INTEGER → Long,
 *                         DOUBLE → Double, BOOLEAN → Boolean, DATE → Long epoch ms; kept unknown fields as JSON)
 * @param customerValue    the value of the definition's CUSTOMER attribute
 * @param eventDateTime    epoch ms from {@code eventDateTime}, or null when the body had none
 * @param uniqueValues     the unique-key attribute values as sent, in definition order, when the webhook
 *                         checks uniqueness; null when it does not
 * @param body             the raw body, kept for the request log
 */
public record AcceptedEvent(
        String requestId,
        String orgId,
        String webhookId,
        String eventName,
        String definitionId,
        int definitionVersion,
        long receivedAt,
        boolean test,
        String customerValue,
        Long eventDateTime,
        Map<String, Object> attributes,
        List<String> uniqueValues,
        byte[] body) implements LogRecord {

    @Override
    public String partitionKey() {
        return orgId + "/" + customerValue;
    }

    /** The event's time: {@code eventDateTime} when sent, else the time of receipt. */
    public long eventTime() {
        return eventDateTime != null ? eventDateTime : receivedAt;
    }
}
