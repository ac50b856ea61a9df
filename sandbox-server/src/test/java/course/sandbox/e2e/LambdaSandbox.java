package course.sandbox.e2e;

import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * A running sandbox set up for Lambda tests: a Lambda client as root and an execution role that
 * Lambda may assume. Clients of other services come from {@link #client}.
 */
final class LambdaSandbox implements AutoCloseable {
    /** The trust policy of an execution role: the Lambda service may assume it. */
    static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    private final RunningSandbox sandbox;
    private final LambdaClient lambda;
    private final String roleArn;

    private LambdaSandbox(RunningSandbox sandbox, String roleName) {
        this.sandbox = sandbox;
        this.lambda = client(LambdaClient.builder());
        try (IamClient iam = sandbox.iam(RunningSandbox.ROOT)) {
            this.roleArn = iam.createRole(r -> r.roleName(roleName).assumeRolePolicyDocument(TRUST)).role().arn();
        }
    }

    /** Starts a sandbox and creates the execution role {@code roleName} in it. */
    static LambdaSandbox start(String roleName) {
        return new LambdaSandbox(RunningSandbox.start(), roleName);
    }

    RunningSandbox sandbox() {
        return sandbox;
    }

    LambdaClient lambda() {
        return lambda;
    }

    String roleArn() {
        return roleArn;
    }

    /** A client of the sandbox's {@code builder} service, as root in us-east-1; the caller closes it. */
    <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C client(B builder) {
        return builder.endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1).httpClient(ApacheHttpClient.create())
                .credentialsProvider(RunningSandbox.rootCredentials()).build();
    }

    @Override
    public void close() {
        lambda.close();
        sandbox.close();
    }
}
