package course.sandbox.iam.query;

import course.sandbox.http.SandboxResponse;
import course.sandbox.iam.AwsApiException;
import course.sandbox.service.ServiceException;

/** What a Query-protocol handler answers: HTTP status and the XML body (Content-Type text/xml). */
public record QueryResponse(int status, String xml) {

    public SandboxResponse toSandboxResponse() {
        return SandboxResponse.of(status, "text/xml", xml);
    }

    /** A pipeline error (authentication, AccessDenied, ...) in the Query protocol's ErrorResponse shape. */
    public static SandboxResponse error(String namespace, ServiceException error, String requestId) {
        return QueryXml.error(namespace, new AwsApiException(error.code(), error.getMessage(), error.status()), requestId)
                .toSandboxResponse();
    }
}
