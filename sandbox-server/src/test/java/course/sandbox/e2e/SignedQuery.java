package course.sandbox.e2e;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A Query-protocol POST signed by the SDK's own SigV4 signer at a chosen instant, sent with
 * java.net.http: for the cases an SDK client cannot produce (a moved clock, a tampered byte).
 */
public record SignedQuery(int status, String body) {
    private static final Set<String> RESTRICTED = Set.of("host", "content-length");

    public static SignedQuery send(URI endpoint, AwsCredentials credentials, String service, Instant signingTime, String form) {
        return send(endpoint, credentials, service, signingTime, form, UnaryOperator.identity());
    }

    /** Signs, lets {@code tamper} change the signed request, and sends it. */
    public static SignedQuery send(URI endpoint, AwsCredentials credentials, String service, Instant signingTime, String form,
                                   UnaryOperator<Signed> tamper) {
        byte[] body = form.getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(identity(credentials)).request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(signingTime, ZoneOffset.UTC)));
        Signed sent = tamper.apply(new Signed(signed.request().headers(), body));
        HttpRequest.Builder http = HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofByteArray(sent.body()));
        sent.headers().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase())) {
                values.forEach(value -> http.header(name, value));
            }
        });
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(http.build(), HttpResponse.BodyHandlers.ofString());
            return new SignedQuery(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The signed headers and body, before they are sent. */
    public record Signed(Map<String, List<String>> headers, byte[] body) {
    }

    private static AwsCredentialsIdentity identity(AwsCredentials credentials) {
        if (credentials instanceof AwsSessionCredentials session) {
            return AwsSessionCredentialsIdentity.create(session.accessKeyId(), session.secretAccessKey(), session.sessionToken());
        }
        return AwsCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey());
    }
}
