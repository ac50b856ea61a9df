package course.sandbox.apigateway.invoke;

import course.sandbox.iam.policy.ContextValue;
import course.sandbox.iam.policy.EvaluationRequest;
import course.sandbox.iam.policy.PolicyDocument;
import course.sandbox.iam.policy.PolicyEngine;
import course.sandbox.iam.policy.PolicyKind;
import course.sandbox.iam.policy.RequestContext;
import course.sandbox.iam.policy.RequestPrincipal;
import course.sandbox.iam.policy.ResourcePolicy;
import course.sandbox.lambda.LambdaModel;
import course.sandbox.lambda.LambdaRuntime;
import course.sandbox.service.ServiceException;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lambda integrations run in-process on Lambda's own model and runtime, as API Gateway calls
 * {@code lambda:InvokeFunction}: the function's resource policy must let the service principal
 * {@code apigateway.amazonaws.com} invoke it (usually with {@code aws:SourceArn} naming the method,
 * as {@code aws lambda add-permission --principal apigateway.amazonaws.com --source-arn …} grants),
 * else API Gateway answers 500 ("Invalid permissions on Lambda function"), as on AWS.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway.html">Invoking a Lambda function using an API Gateway endpoint</a>
 */
public final class LambdaInvocations implements LambdaInvoker {
    private static final Pattern FUNCTION_ARN = Pattern.compile("arn:aws[a-z-]*:lambda:([a-z0-9-]+):(\\d{12}):function:.+");
    private static final String API_GATEWAY = "apigateway.amazonaws.com";

    private final LambdaModel model;
    private final LambdaRuntime runtime;
    private final PolicyEngine engine = new PolicyEngine();

    public LambdaInvocations(LambdaModel model, LambdaRuntime runtime) {
        this.model = model;
        this.runtime = runtime;
    }

    @Override
    public Result invoke(String functionArn, String sourceArn, byte[] payload) {
        Matcher arn = FUNCTION_ARN.matcher(functionArn);
        if (!arn.matches()) {
            throw new ServiceException(404, "ResourceNotFoundException", "Function not found: " + functionArn);
        }
        LambdaModel.Scope scope = new LambdaModel.Scope(arn.group(2), arn.group(1));
        LambdaModel.Reference reference = LambdaModel.reference(scope, functionArn);
        LambdaModel.Target target = model.target(scope, reference);
        String resource = scope.functionArn(reference.name()) + reference.qualifier().map(q -> ":" + q).orElse("");
        boolean allowed = model.policy(scope, reference).map(policy -> engine.evaluate(EvaluationRequest
                .builder(RequestPrincipal.service(API_GATEWAY), "lambda:InvokeFunction", resource)
                .resourcePolicy(new ResourcePolicy(resource, scope.account(), PolicyDocument.parse(policy, PolicyKind.RESOURCE)))
                .context(RequestContext.of(Map.of(
                        "aws:SourceArn", ContextValue.string(sourceArn),
                        "aws:SourceAccount", ContextValue.string(scope.account()))))
                .build()).allowed()).orElse(false);
        if (!allowed) {
            throw new ServiceException(403, "AccessDeniedException", "Invalid permissions on Lambda function: "
                    + API_GATEWAY + " may not invoke " + resource + " for " + sourceArn);
        }
        LambdaRuntime.Result result = runtime.invoke(scope, target.config(), model.reservedConcurrency(scope, reference.name()),
                model.unreservedConcurrency(scope), resource, payload, null, false);
        return new Result(result.payload(), Optional.ofNullable(result.functionError()));
    }
}
