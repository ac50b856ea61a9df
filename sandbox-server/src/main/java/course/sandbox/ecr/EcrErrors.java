package course.sandbox.ecr;

import course.sandbox.service.ServiceException;

/**
 * Amazon ECR's API errors (HTTP 400, JSON 1.1).
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonECR/latest/APIReference/CommonErrors.html">Common errors</a>
 */
public final class EcrErrors {
    private EcrErrors() {
    }

    public static ServiceException invalid(String message) {
        return new ServiceException(400, "InvalidParameterException", message);
    }
}
