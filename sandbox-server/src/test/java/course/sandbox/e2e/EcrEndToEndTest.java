package course.sandbox.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EcrException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Amazon ECR's API (JSON 1.1) refusing a caller, as its SDK client sees it: a denied request is
 * 400 AccessDeniedException whose message names the repository ARN unquoted; an unsigned one is
 * 400 MissingAuthenticationTokenException. The registry's own refusals are in LambdaContainerImageTest.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonECR/latest/APIReference/CommonErrors.html">ECR common errors</a>
 */
class EcrEndToEndTest {
    private static RunningSandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = RunningSandbox.start();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static EcrClient ecr(AwsCredentialsProvider credentials) {
        return EcrClient.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
                .httpClient(ApacheHttpClient.create()).credentialsProvider(credentials).build();
    }

    @Test
    void aDeniedRequestIs400AccessDeniedExceptionNamingTheRepositoryUnquoted() {
        var user = sandbox.newUser("no-ecr");
        try (EcrClient ecr = ecr(StaticCredentialsProvider.create(user))) {
            EcrException denied = assertThrows(EcrException.class, () -> ecr.createRepository(r -> r.repositoryName("denied")));
            assertEquals(400, denied.statusCode());
            assertEquals("AccessDeniedException", denied.awsErrorDetails().errorCode());
            assertEquals("User: arn:aws:iam::000000000000:user/no-ecr is not authorized to perform: ecr:CreateRepository on resource: "
                    + "arn:aws:ecr:us-east-1:000000000000:repository/denied because no identity-based policy allows the "
                    + "ecr:CreateRepository action", denied.awsErrorDetails().errorMessage());
        }
    }

    @Test
    void anUnsignedRequestIs400MissingAuthenticationTokenException() {
        try (EcrClient ecr = ecr(AnonymousCredentialsProvider.create())) {
            EcrException unsigned = assertThrows(EcrException.class, () -> ecr.describeRepositories(r -> { }));
            assertEquals(400, unsigned.statusCode());
            assertEquals("MissingAuthenticationTokenException", unsigned.awsErrorDetails().errorCode());
            assertEquals("Request is missing Authentication Token", unsigned.awsErrorDetails().errorMessage());
        }
    }

    @Test
    void anOperationTheSandboxLacksIs501NotImplementedNamingIt() {
        try (EcrClient ecr = ecr(RunningSandbox.rootCredentials())) {
            EcrException lacking = assertThrows(EcrException.class, () -> ecr.listImages(r -> r.repositoryName("any")));
            assertEquals(501, lacking.statusCode());
            assertEquals("NotImplemented", lacking.awsErrorDetails().errorCode());
            assertEquals("The sandbox does not serve Amazon ECR ListImages yet.", lacking.awsErrorDetails().errorMessage());
        }
    }
}
