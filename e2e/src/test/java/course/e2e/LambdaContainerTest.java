package course.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The lambda-container demo through ./jbang: Jib builds and pushes a real OCI image to the
 * sandbox's ECR, the function runs it, GetFunction reports the image, and the demo says what
 * differs from Lambda's image support.
 */
@Covers("lambda-container")
@ExtendWith(SharedSandbox.class)
class LambdaContainerTest {

    @Test
    void anImageBuiltWithJibRunsAsAFunction(SharedSandbox.TestSandbox sandbox) {
        String repository = "course-container-\\d{8}-[0-9a-f]{6}";
        sandbox.jbang().run("lambda-container").succeeds()
                .printsLine("   Repository: 000000000000\\.dkr\\.ecr\\.us-east-1\\.amazonaws\\.com/" + repository)
                .printsLine("   Registry: http://127\\.0\\.0\\.1:\\d+ · user AWS · password [0-9a-f]{4}…\\(64 chars\\) \\(valid until .*\\)")
                .printsLine("3\\. Build the image with Jib FROM scratch and push it \\(no Docker daemon involved\\)")
                .printsLine("   Pushed: 127\\.0\\.0\\.1:\\d+/" + repository + ":v1 · sha256:[0-9a-f]{64}")
                .printsLine("   DescribeImages: tags \\[v1\\] · \\d+ bytes · application/vnd\\.oci\\.image\\.manifest\\.v1\\+json")
                .printsLine("   PackageType: Image")
                .printsLine("   ImageUri: 000000000000\\.dkr\\.ecr\\.us-east-1\\.amazonaws\\.com/" + repository + ":v1")
                .printsLine("   ResolvedImageUri: 000000000000\\.dkr\\.ecr\\.us-east-1\\.amazonaws\\.com/" + repository
                        + "@sha256:([0-9a-f]{64})")
                .printsLine("   CodeSha256: [0-9a-f]{64} \\(the image digest\\)")
                .printsLine("   Answer: \\{\"greeting\":\"hello, Ada\",\"from\":\"an image\",\"workingDirectory\":\"/\\S*/function\"\\}")
                .printsLine("   REPORT: REPORT RequestId: [0-9a-f-]{36} Duration: [0-9.]+ ms .* Init Duration: [0-9.]+ ms")
                .printsLine("   InvalidParameterValueException: Please don't provide Handler or Runtime or Layer when the "
                        + "intended function PackageType is Image\\.")
                .printsLine("   - The image's own OS and JDK are never used \\(this one has none\\): the sandbox's JDK runs the")
                .printsLine("\\d+\\. Clean up")
                .printsLine(" {3,4}Deleted log group /aws/lambda/course-container-\\d{8}-[0-9a-f]{6}")
                .printsLine(" {3,4}Deleted function course-container-\\d{8}-[0-9a-f]{6}")
                .printsLine(" {3,4}Deleted policy write-logs of role course-container-\\d{8}-[0-9a-f]{6}")
                .printsLine(" {3,4}Deleted role course-container-\\d{8}-[0-9a-f]{6}")
                .printsLine(" {3,4}Deleted repository course-container-\\d{8}-[0-9a-f]{6} with its image")
                .printsLine(" {3,4}Deleted build folder /.*lambda-container\\d+")
                .printsLine(" {3,4}Deleted everything this run created\\.");
    }
}
