package course.sandbox.sts.query;

import course.sandbox.service.Operation;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every STS action the sandbox serves and how it is authorized. AssumeRole is decided by the
 * caller's policies together with the role's trust policy; GetCallerIdentity and GetSessionToken
 * need no permission: AWS answers them whatever the caller's policies say.
 *
 * @see <a href="https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html">GetCallerIdentity</a>
 * @see <a href="https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html">GetSessionToken</a>
 */
public enum StsOperation {
    AssumeRole(Operation.Access.POLICY),
    GetCallerIdentity(Operation.Access.NO_POLICY),
    GetSessionToken(Operation.Access.NO_POLICY);

    private final Operation.Access access;

    StsOperation(Operation.Access access) {
        this.access = access;
    }

    public Operation.Access access() {
        return access;
    }

    public static Optional<StsOperation> of(String action) {
        return Arrays.stream(values()).filter(operation -> operation.name().equals(action)).findFirst();
    }
}
