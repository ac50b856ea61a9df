package course.sandbox.s3.protocol;

import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.http.apache.ApacheHttpClient;

/** The SDK scenario suite on the Apache HTTP client (which sends Expect: 100-continue on PUT). */
class ApacheClientS3Test extends SdkScenarios {
    @BeforeAll
    static void start() {
        startWith(ApacheHttpClient.create());
    }
}
