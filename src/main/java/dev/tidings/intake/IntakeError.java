package dev.tidings.intake;

import dev.tidings.http.ApiError;

/**
 * Every way a posted event can fail (failures found by the HTTP layer itself are {@link dev.tidings.http.HttpError}): HTTP status and the stable numeric
 * {@code status.code} clients switch on. Codes are never reused; 1100 is success and is not here.
 */
public enum IntakeError implements ApiError {
    INVALID_JSON(400, 1201, "Body is not valid JSON"),
    NOT_AN_OBJECT(400, 1202, "Body must be one JSON object"),
    MISSING_EVENT_NAME(400, 1203, "Body has no event_name"),
    VALIDATION_FAILED(400, 1204, "Event failed validation"),
    UNKNOWN_EVENT(400, 1205, "Unknown event"),
    EVENT_DISABLED(400, 1206, "Event is disabled"),
    TOO_DEEP(400, 1207, "Body is nested too deeply"),
    IDEMPOTENCY_KEY_TOO_LONG(400, 1209, "Idempotency-Key is longer than 255 characters"),
    NOT_A_BATCH(400, 1210, "Body must be a JSON array of events or NDJSON"),
    BATCH_EMPTY(400, 1211, "Batch has no events"),
    BATCH_REJECTED(400, 1212, "No event of the batch was accepted"),
    MAPPING_FAILED(400, 1213, "Body could not be mapped"),
    UNSUPPORTED_CALL(400, 1214, "Segment call is not supported"),
    BATCH_PARTLY_ACCEPTED(200, 1215, "Some events of the batch were rejected"),
    UNAUTHORIZED(401, 1301, "Missing or invalid credentials"),
    WEBHOOK_NOT_FOUND(404, 1401, "Unknown or disabled webhook"),
    IDEMPOTENCY_IN_FLIGHT(409, 1404, "A request with this Idempotency-Key is still in flight; retry later"),
    IDEMPOTENCY_KEY_REUSED(422, 1405, "Idempotency-Key was used with a different body"),
    EVENT_TOO_LARGE(413, 1501, "Event is larger than the limit"),
    BATCH_TOO_LARGE(413, 1506, "Batch is larger than the limit"),
    UNSUPPORTED_MEDIA_TYPE(415, 1502, "Content-Type must be application/json"),
    RATE_LIMITED(429, 1601, "The webhook's rate limit is exceeded; retry after Retry-After seconds"),
    LOG_UNAVAILABLE(503, 1701, "Event could not be stored now; nothing was stored, retry later"),
    PIPELINE_BEHIND(503, 1702, "The pipeline is behind; nothing was stored, retry later"),
    INTERNAL(500, 1901, "Internal error");

    private final int httpStatus;
    private final int code;
    private final String message;

    IntakeError(int httpStatus, int code, String message) {
        this.httpStatus = httpStatus;
        this.code = code;
        this.message = message;
    }

    @Override
    public int httpStatus() {
        return httpStatus;
    }

    @Override
    public int code() {
        return code;
    }

    @Override
    public String message() {
        return message;
    }
}
