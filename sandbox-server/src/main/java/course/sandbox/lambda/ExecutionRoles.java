package course.sandbox.lambda;

import course.sandbox.iam.IamModel;
import course.sandbox.iam.Role;
import course.sandbox.iam.policy.Effect;
import course.sandbox.iam.policy.EvaluationRequest;
import course.sandbox.iam.policy.EvaluationResult;
import course.sandbox.iam.policy.PolicyDocument;
import course.sandbox.iam.policy.PolicyEngine;
import course.sandbox.iam.policy.PolicyKind;
import course.sandbox.iam.policy.PolicySourceType;
import course.sandbox.iam.policy.RequestPrincipal;
import course.sandbox.iam.policy.ResourcePolicy;
import course.sandbox.sts.SessionCredentials;
import course.sandbox.sts.StsModel;

/**
 * A function's execution role: Lambda checks on CreateFunction and UpdateFunctionConfiguration
 * that the role's trust policy lets {@code lambda.amazonaws.com} assume it, and each execution
 * environment gets that role's session credentials from STS, so the function's own SDK calls are
 * authorized as the role.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html">Execution role</a>
 */
public final class ExecutionRoles implements LambdaRuntime.RoleSessions {
    static final String LAMBDA_SERVICE = "lambda.amazonaws.com";
    /** Environments live for hours; their sessions outlast them. */
    private static final int SESSION_SECONDS = 12 * 3600;

    private final IamModel iam;
    private final StsModel sts;
    private final PolicyEngine engine = new PolicyEngine();

    public ExecutionRoles(IamModel iam, StsModel sts) {
        this.iam = iam;
        this.sts = sts;
    }

    /** Refuses a role that does not exist or that Lambda may not assume, with AWS's message. */
    public void check(String roleArn) {
        Role role = iam.findRoleByArn(roleArn).orElseThrow(ExecutionRoles::cannotAssume);
        ResourcePolicy trust = new ResourcePolicy(role.arn() + "#trust-policy", iam.accountId(),
                PolicyDocument.parse(role.assumeRolePolicyDocument(), PolicyKind.TRUST));
        EvaluationResult result = engine.evaluate(EvaluationRequest.builder(RequestPrincipal.service(LAMBDA_SERVICE),
                "sts:AssumeRole", role.arn()).resourcePolicy(trust).rootBypass(false).build());
        boolean trusted = result.allowed() && result.matchedStatements().stream().anyMatch(statement ->
                statement.sourceType() == PolicySourceType.RESOURCE && statement.effect() == Effect.ALLOW);
        if (!trusted) {
            throw cannotAssume();
        }
    }

    @Override
    public SessionCredentials issue(String roleArn, String sessionName) {
        Role role = iam.findRoleByArn(roleArn).orElseThrow(() -> new course.sandbox.service.ServiceException(502,
                "AccessDeniedException", "The role defined for the function cannot be assumed by Lambda: " + roleArn
                + " no longer exists."));
        return sts.assumeRoleForService(role, sessionName, SESSION_SECONDS);
    }

    private static RuntimeException cannotAssume() {
        return LambdaErrors.invalid("The role defined for the function cannot be assumed by Lambda.");
    }
}
