package course.sandbox.iam;

import course.sandbox.service.ServiceException;

/** IAM's and STS's errors, with AWS's codes, messages and statuses. */
public final class IamErrors {
    private IamErrors() {
    }

    public static ServiceException error(String code, String message, int status) {
        return new ServiceException(status, code, message);
    }

    public static ServiceException noSuchEntity(String message) {
        return error("NoSuchEntity", message, 404);
    }

    public static ServiceException entityAlreadyExists(String message) {
        return error("EntityAlreadyExists", message, 409);
    }

    public static ServiceException validation(String message) {
        return error("ValidationError", message, 400);
    }

    public static ServiceException invalidInput(String message) {
        return error("InvalidInput", message, 400);
    }

    public static ServiceException malformedPolicy(String message) {
        return error("MalformedPolicyDocument", message, 400);
    }

    public static ServiceException limitExceeded(String message) {
        return error("LimitExceeded", message, 409);
    }

    public static ServiceException deleteConflict(String message) {
        return error("DeleteConflict", message, 409);
    }

    public static ServiceException accessDenied(String message) {
        return error("AccessDenied", message, 403);
    }

    /** AWS's wording for a required parameter that is absent. */
    public static ServiceException missing(String member) {
        return validation("1 validation error detected: Value null at '" + member
                + "' failed to satisfy constraint: Member must not be null");
    }

    /** AWS's wording for a value that breaks a constraint of the API model. */
    public static ServiceException constraint(Object value, String member, String constraint) {
        return validation("1 validation error detected: Value '" + value + "' at '" + member
                + "' failed to satisfy constraint: " + constraint);
    }
}
