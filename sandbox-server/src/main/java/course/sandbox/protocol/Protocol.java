package course.sandbox.protocol;

import course.sandbox.http.SandboxResponse;
import course.sandbox.service.ServiceException;

/**
 * AWS's wire protocols, each with its one {@link Codec}: how a request names its operation and
 * carries its input, and how answers and errors look on the wire.
 */
public enum Protocol {
    /** S3, S3 Control: REST with XML bodies; errors are {@code <Error><Code>…}. */
    REST_XML(new RestXmlCodec()),
    /** IAM, STS, CloudWatch and SQS from the AWS CLI: form-encoded Action=…; XML answers. */
    QUERY(new QueryCodec()),
    /** DynamoDB, Step Functions, SQS: POST / with X-Amz-Target, application/x-amz-json-1.0. */
    JSON_1_0(new JsonCodec("1.0")),
    /** CloudWatch Logs, KMS, Cognito user pools: as JSON 1.0 with application/x-amz-json-1.1. */
    JSON_1_1(new JsonCodec("1.1")),
    /** Lambda, API Gateway, X-Ray: REST with JSON bodies; the error code in X-Amzn-ErrorType. */
    REST_JSON(new RestJsonCodec()),
    /** CloudWatch from SDK v2: Smithy RPC v2, POST /service/S/operation/O with CBOR bodies. */
    RPC_V2_CBOR(new CborCodec());

    private final Codec codec;

    Protocol(Codec codec) {
        this.codec = codec;
    }

    public Codec codec() {
        return codec;
    }

    /** An error outside any service's own handling (a sandbox fault): the protocol's shape, no namespace. */
    public SandboxResponse error(int status, String code, String message, String requestId) {
        return codec.error(new ServiceException(status, code, message), new ErrorContext(requestId, "POST", "", "", false, true));
    }
}
