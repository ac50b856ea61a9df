package course.sandbox.iam.query;

/** What a Query-protocol handler answers: HTTP status and the XML body (Content-Type text/xml). */
public record QueryResponse(int status, String xml) {}
