package dev.tidings.http;

/**
 * Failures the HTTP layer finds before any handler runs (unknown path, wrong method, a body over the
 * limit, undecodable requests, slow senders). Each has an intake code and an admin code, so a client
 * of either surface sees codes from the one family it already switches on; the codes are the ones
 * both surfaces have always answered with.
 */
public enum HttpError {
    BAD_REQUEST(400, 1208, 2001, "Malformed request"),
    NOT_FOUND(404, 1402, 2004, "No such resource"),
    METHOD_NOT_ALLOWED(405, 1403, 2005, "Method not allowed"),
    REQUEST_TIMEOUT(408, 1505, 1505, "Request was not received within the deadline"),
    BODY_TOO_LARGE(413, 1501, 2009, "Body is larger than the limit"),
    URI_TOO_LONG(414, 1504, 1504, "Request line is too long"),
    HEADERS_TOO_LARGE(431, 1503, 1503, "Request headers are too large"),
    INTERNAL(500, 1901, 2099, "Internal error");

    private final int httpStatus;
    private final int intakeCode;
    private final int adminCode;
    private final String message;

    HttpError(int httpStatus, int intakeCode, int adminCode, String message) {
        this.httpStatus = httpStatus;
        this.intakeCode = intakeCode;
        this.adminCode = adminCode;
        this.message = message;
    }

    /** This failure as answered on a path of the admin API ({@code admin}) or of the intake. */
    public ApiError on(boolean admin) {
        int code = admin ? adminCode : intakeCode;
        return new ApiError() {
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
        };
    }
}
