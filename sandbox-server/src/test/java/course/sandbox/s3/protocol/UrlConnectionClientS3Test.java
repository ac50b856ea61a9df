package course.sandbox.s3.protocol;

import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/** The SDK scenario suite on the JDK's HttpURLConnection-based client. */
class UrlConnectionClientS3Test extends SdkScenarios {
    @BeforeAll
    static void start() {
        startWith(UrlConnectionHttpClient.create());
    }
}
