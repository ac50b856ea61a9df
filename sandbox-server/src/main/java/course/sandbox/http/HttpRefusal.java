package course.sandbox.http;

/**
 * Why the HTTP front answers a request itself, before any service sees it, with the code and
 * message S3 gives (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html); the
 * answer takes the shape of the service the request's head names.
 */
public enum HttpRefusal {
    /** A request line or header that is not HTTP/1.1. */
    BAD_REQUEST(400, "BadRequest", "The request could not be parsed as HTTP/1.1."),
    /** A request target with characters a URI cannot hold, or a broken %-escape. */
    INVALID_URI(400, "InvalidURI", "Couldn't parse the specified URI."),
    /** Content-Length that is not one non-negative number, or sent with Transfer-Encoding. */
    INVALID_CONTENT_LENGTH(400, "InvalidArgument", "The Content-Length header must be a single non-negative integer."),
    HEADERS_TOO_LARGE(400, "RequestHeaderSectionTooLarge", "Your request header section exceeds the maximum allowed size."),
    /** A Transfer-Encoding other than chunked. */
    UNSUPPORTED_TRANSFER_ENCODING(501, "NotImplemented",
            "A header you provided implies functionality that is not implemented"),
    /** The head or the body stopped arriving for longer than the timeout. */
    REQUEST_TIMEOUT(400, "RequestTimeout", "Your socket connection to the server was not read from or written to "
            + "within the timeout period. Idle connections will be closed."),
    /** The body ended before the bytes its Content-Length (or its last chunk) promised. */
    INCOMPLETE_BODY(400, "IncompleteBody",
            "You did not provide the number of bytes specified by the Content-Length HTTP header"),
    ENTITY_TOO_LARGE(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size"),
    /** Every worker is busy. */
    BUSY(503, "SlowDown", "Please reduce your request rate.");

    private final int status;
    private final String code;
    private final String message;

    HttpRefusal(int status, String code, String message) {
        this.status = status;
        this.code = code;
        this.message = message;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String message() {
        return message;
    }
}
