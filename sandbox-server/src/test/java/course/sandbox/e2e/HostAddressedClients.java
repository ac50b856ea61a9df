package course.sandbox.e2e;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.endpoints.S3EndpointParams;
import software.amazon.awssdk.services.s3.endpoints.S3EndpointProvider;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.endpoints.S3ControlEndpointProvider;

import java.net.URI;

/**
 * SDK clients that address AWS's host names ({account}.s3-control…, {name}-{account}.s3-accesspoint…)
 * and reach them on the sandbox through its {@code /_host/<host>} path prefix: the SDK's own endpoint
 * rules decide the host, then the URL is rewritten to 127.0.0.1. Plain bucket names use path style.
 */
public final class HostAddressedClients {
    private HostAddressedClients() {
    }

    public static S3ControlClient s3Control(RunningSandbox sandbox, AwsCredentials credentials) {
        return S3ControlClient.builder().region(Region.US_EAST_1).httpClient(ApacheHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .endpointProvider(params -> S3ControlEndpointProvider.defaultProvider().resolveEndpoint(params)
                        .thenApply(endpoint -> viaHostPath(sandbox, endpoint)))
                .build();
    }

    /** An S3 client taking bucket names, access point aliases and access point ARNs alike. */
    public static S3Client s3(RunningSandbox sandbox, AwsCredentials credentials) {
        return S3Client.builder().region(Region.US_EAST_1).httpClient(ApacheHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .endpointProvider(params -> S3EndpointProvider.defaultProvider().resolveEndpoint(pathStyleUnlessArn(params))
                        .thenApply(endpoint -> viaHostPath(sandbox, endpoint)))
                .build();
    }

    private static S3EndpointParams pathStyleUnlessArn(S3EndpointParams params) {
        boolean arn = params.bucket() != null && params.bucket().startsWith("arn:");
        return arn ? params : params.toBuilder().forcePathStyle(true).build();
    }

    static Endpoint viaHostPath(RunningSandbox sandbox, Endpoint aws) {
        URI url = aws.url();
        return aws.toBuilder().url(URI.create(sandbox.endpoint() + "/_host/" + url.getHost()
                + (url.getRawPath() == null ? "" : url.getRawPath()))).build();
    }
}
