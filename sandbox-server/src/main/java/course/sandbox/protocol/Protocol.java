package course.sandbox.protocol;

import course.sandbox.http.SandboxResponse;

/**
 * The three wire protocols the sandbox's services speak, each with AWS's own error shape.
 */
public enum Protocol {
    /** S3: REST with XML bodies; errors are {@code <Error><Code>…}. */
    REST_XML,
    /** IAM and STS: form-encoded Action=…; errors are {@code <ErrorResponse><Error><Type>…}. */
    QUERY,
    /** DynamoDB: JSON 1.0 with X-Amz-Target; errors are {@code {"__type": …, "message": …}}. */
    JSON;

    public SandboxResponse error(int status, String code, String message, String requestId) {
        return switch (this) {
            case REST_XML -> SandboxResponse.xml(status, Xml.DECLARATION
                    + "<Error><Code>" + Xml.escape(code) + "</Code><Message>" + Xml.escape(message)
                    + "</Message><RequestId>" + requestId + "</RequestId></Error>");
            case QUERY -> SandboxResponse.of(status, "text/xml", "<ErrorResponse><Error><Type>"
                    + (status >= 500 ? "Receiver" : "Sender") + "</Type><Code>" + Xml.escape(code)
                    + "</Code><Message>" + Xml.escape(message) + "</Message></Error><RequestId>"
                    + requestId + "</RequestId></ErrorResponse>");
            case JSON -> SandboxResponse.of(status, "application/x-amz-json-1.0",
                    "{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + Json.escape(code)
                            + "\",\"message\":\"" + Json.escape(message) + "\"}");
        };
    }
}
