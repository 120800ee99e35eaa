package dev.tidings.api;

import dev.tidings.http.ApiError;

/** Every way an admin request can fail: HTTP status, stable numeric code, default message. */
public enum AdminError implements ApiError {
    INVALID_REQUEST(400, 2001, "The request is invalid"),
    UNAUTHORIZED(401, 2002, "Missing or invalid bearer token"),
    FORBIDDEN(403, 2003, "This token may not do that"),
    NOT_FOUND(404, 2004, "Not found"),
    REQUEST_PENDING(404, 2013, "The request was received and the pipeline has not reached it yet; retry shortly"),
    METHOD_NOT_ALLOWED(405, 2005, "Method not allowed"),
    ALREADY_EXISTS(409, 2006, "Already exists"),
    NOT_VERIFIED(409, 2007, "The event must be VERIFIED by a processed test event before it can be published"),
    CHANGE_NOT_ALLOWED(409, 2008, "This change is not allowed in the event's current state"),
    CONFLICT(409, 2012, "Changed concurrently by another request; read it again and retry"),
    NOT_REPROCESSABLE(409, 2014, "Only a FAILED request whose body is still kept can be reprocessed"),
    STILL_INVALID(409, 2015, "The request's kept body no longer passes the intake's checks"),
    BODY_TOO_LARGE(413, 2009, "Request body too large"),
    UNSUPPORTED_MEDIA_TYPE(415, 2010, "Content-Type must be application/json"),
    STORE_UNAVAILABLE(503, 2011, "The store is unavailable; retry later"),
    LOG_UNAVAILABLE(503, 2016, "The log cannot take the event now; retry later"),
    INTERNAL(500, 2099, "Internal error");

    private final int httpStatus;
    private final int code;
    private final String message;

    AdminError(int httpStatus, int code, String message) {
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
