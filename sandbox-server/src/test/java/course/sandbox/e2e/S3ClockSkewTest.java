package course.sandbox.e2e;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** S3 allows 15 minutes of clock skew and, past that, says by how much in its error body. */
class S3ClockSkewTest {

    @Test
    void sixteenMinutesOffIsRequestTimeTooSkewedWithTheAllowedSkew() throws Exception {
        try (RunningSandbox sandbox = RunningSandbox.start();
             S3Client s3 = S3Client.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                     .credentialsProvider(StaticCredentialsProvider.create(RunningSandbox.ROOT)).build()) {
            sandbox.shiftClock(Duration.ofMinutes(14));
            s3.listBuckets();
            sandbox.shiftClock(Duration.ofMinutes(16));
            S3Exception skewed = assertThrows(S3Exception.class, s3::listBuckets);
            assertEquals(403, skewed.statusCode());
            assertEquals("RequestTimeTooSkewed", skewed.awsErrorDetails().errorCode());
            String body = rawListBuckets(sandbox);
            assertTrue(body.contains("<MaxAllowedSkewMilliseconds>900000</MaxAllowedSkewMilliseconds>"), body);
            assertTrue(body.matches("(?s).*<RequestTime>\\d{8}T\\d{6}Z</RequestTime><ServerTime>.+Z</ServerTime>.*"), body);
        }
    }

    /** ListBuckets signed by the SDK's signer at the real time, read as S3's raw XML answer. */
    private static String rawListBuckets(RunningSandbox sandbox) throws Exception {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(sandbox.endpoint().resolve("/")).build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.request(request)
                .identity(AwsCredentialsIdentity.create(RunningSandbox.ROOT.accessKeyId(), RunningSandbox.ROOT.secretAccessKey()))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
        HttpRequest.Builder http = HttpRequest.newBuilder(sandbox.endpoint().resolve("/"));
        signed.request().headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                values.forEach(value -> http.header(name, value));
            }
        });
        return HttpClient.newHttpClient().send(http.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
    }
}
