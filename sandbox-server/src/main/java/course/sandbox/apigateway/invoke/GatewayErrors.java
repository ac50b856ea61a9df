package course.sandbox.apigateway.invoke;

import course.sandbox.service.ServiceException;

/**
 * API Gateway's own answers on the execute-api endpoint (its default gateway responses): a status,
 * {@code x-amzn-ErrorType} and {@code {"message": …}}.
 *
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html">Gateway response types</a>
 */
final class GatewayErrors {
    private GatewayErrors() {
    }

    /** MISSING_AUTHENTICATION_TOKEN: no such resource or method, or an unsigned request to an IAM method. */
    static ServiceException missingAuthenticationToken() {
        return new ServiceException(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
    }

    /** An unknown stage, an invalid API key. */
    static ServiceException forbidden() {
        return new ServiceException(403, "ForbiddenException", "Forbidden");
    }

    /** BAD_REQUEST_PARAMETERS. */
    static ServiceException missingParameters(java.util.List<String> names) {
        return new ServiceException(400, "BadRequestException", "Missing required request parameters: " + names);
    }

    /** BAD_REQUEST_BODY. */
    static ServiceException invalidBody() {
        return new ServiceException(400, "BadRequestException", "Invalid request body");
    }

    /** THROTTLED. */
    static ServiceException throttled() {
        return new ServiceException(429, "TooManyRequestsException", "Too Many Requests");
    }

    /** QUOTA_EXCEEDED. */
    static ServiceException quotaExceeded() {
        return new ServiceException(429, "LimitExceededException", "Limit Exceeded");
    }

    /** UNSUPPORTED_MEDIA_TYPE. */
    static ServiceException unsupportedMediaType() {
        return new ServiceException(415, "UnsupportedMediaTypeException", "Unsupported Media Type");
    }

    /** Configuration errors and failed integrations. */
    static ServiceException internal() {
        return new ServiceException(500, "InternalServerErrorException", "Internal server error");
    }

    /** A Lambda proxy answer API Gateway cannot read, or a failed function. */
    static ServiceException badGateway() {
        return new ServiceException(502, "InternalServerErrorException", "Internal server error");
    }

    /** INTEGRATION_TIMEOUT. */
    static ServiceException timedOut() {
        return new ServiceException(504, "InternalServerErrorException", "Endpoint request timed out");
    }

    /** HTTP APIs: no route matches. */
    static ServiceException notFound() {
        return new ServiceException(404, "NotFoundException", "Not Found");
    }
}
