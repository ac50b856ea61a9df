package course.sandbox.cloudwatch;

import course.sandbox.service.ServiceException;

/**
 * CloudWatch's errors: the Query codes of its API model (MissingRequiredParameterException is
 * "MissingParameter"), with the modeled exception's name for CBOR's __type; all HTTP 400 sender faults.
 */
public final class CloudWatchErrors {
    private CloudWatchErrors() {
    }

    public static ServiceException invalidValue(String message) {
        return new ServiceException(400, "InvalidParameterValue", message).shape("InvalidParameterValueException");
    }

    public static ServiceException invalidValue(Object value, String parameter) {
        return invalidValue("The value " + value + " for parameter " + parameter + " is invalid.");
    }

    public static ServiceException missing(String parameter) {
        return new ServiceException(400, "MissingParameter", "The parameter " + parameter + " is required.")
                .shape("MissingRequiredParameterException");
    }

    public static ServiceException combination(String message) {
        return new ServiceException(400, "InvalidParameterCombination", message).shape("InvalidParameterCombinationException");
    }

    public static ServiceException exclusive(String first, String second) {
        return combination("The parameters " + first + " and " + second
                + " are mutually exclusive and you have specified both.");
    }

    /** GetMetricData reports invalid queries and expressions as ValidationError. */
    public static ServiceException validation(String message) {
        return new ServiceException(400, "ValidationError", message);
    }

    public static ServiceException invalidNextToken() {
        return new ServiceException(400, "InvalidNextToken", "The service couldn't process the NextToken: it is not one it returned.");
    }
}
