package course.sandbox.apigateway;

import course.sandbox.service.ServiceException;

/**
 * API Gateway's control-plane errors, with AWS's codes, statuses and messages (REST-JSON: the
 * code in {@code x-amzn-ErrorType}, the message in the body).
 *
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/api/CommonErrors.html">Common errors</a>
 */
public final class ApiGatewayErrors {
    private ApiGatewayErrors() {
    }

    public static ServiceException notFound(String message) {
        return new ServiceException(404, "NotFoundException", message);
    }

    public static ServiceException badRequest(String message) {
        return new ServiceException(400, "BadRequestException", message);
    }

    public static ServiceException conflict(String message) {
        return new ServiceException(409, "ConflictException", message);
    }

    public static ServiceException limitExceeded(String message) {
        return new ServiceException(429, "LimitExceededException", message);
    }
}
