package course.sandbox.protocol;

import course.sandbox.service.ServiceDescriptor;

/**
 * What a codec needs besides the error to render it as the service would.
 *
 * @param requestId       the id the answer carries
 * @param method          the request's method: a HEAD answer has no body
 * @param jsonNamespace   the prefix of a JSON or CBOR {@code __type}, e.g. {@code com.amazonaws.logs}
 * @param queryNamespace  the xmlns of a Query ErrorResponse
 * @param queryCompatible whether errors also carry {@code x-amzn-query-error: Code;Fault} (awsQueryCompatible)
 * @param xmlNoErrorWrapping REST-XML errors as a bare {@code <Error>} (S3) rather than in {@code <ErrorResponse>}
 */
public record ErrorContext(String requestId, String method, String jsonNamespace, String queryNamespace,
                           boolean queryCompatible, boolean xmlNoErrorWrapping) {

    public static ErrorContext of(ServiceDescriptor service, String requestId, String method) {
        return new ErrorContext(requestId, method, service.jsonNamespace(), service.queryNamespace(), service.queryCompatible(),
                service.xmlNoErrorWrapping());
    }
}
