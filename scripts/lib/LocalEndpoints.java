import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.endpoints.S3EndpointParams;
import software.amazon.awssdk.services.s3.endpoints.S3EndpointProvider;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.endpoints.S3ControlEndpointParams;
import software.amazon.awssdk.services.s3control.endpoints.S3ControlEndpointProvider;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * Endpoint providers for S3 and S3 Control clients that work on AWS and on the local sandbox alike.
 *
 * S3 Control and access point ARNs are addressed by host name: {account}.s3-control.{region}.amazonaws.com,
 * {name}-{account}.s3-accesspoint.{region}.amazonaws.com. With an endpoint override the SDK puts those
 * labels in front of the override's host (000000000000.127.0.0.1), which no resolver answers. So when
 * the client has an endpoint override (the sandbox, or --endpoint-url), these providers let the SDK's own
 * rules name AWS's host, then send the request to the override with that host in a /_host/HOST path
 * prefix, which the sandbox verifies as signed and strips. Without an override (AWS) they are the SDK's
 * default providers. Plain bucket names go path style.
 *
 * The clients below are the standard ones (the target is the SDK's default, see Demo) with these providers.
 */
public final class LocalEndpoints {
    private LocalEndpoints() {
    }

    /** An S3 client with these credentials that reaches buckets by name and access points by ARN or alias, on AWS and locally. */
    public static S3Client s3Client(AwsCredentialsProvider credentials) {
        return S3Client.builder().credentialsProvider(credentials).endpointProvider(s3()).build();
    }

    /** An S3 Control client (access points, Batch Operations jobs), on AWS and locally. */
    public static S3ControlClient s3ControlClient() {
        return S3ControlClient.builder().endpointProvider(s3Control()).build();
    }

    private static S3EndpointProvider s3() {
        S3EndpointProvider aws = S3EndpointProvider.defaultProvider();
        return params -> {
            if (params.endpoint() == null) {
                return aws.resolveEndpoint(params);
            }
            URI local = URI.create(params.endpoint());
            S3EndpointParams.Builder onAws = params.toBuilder().endpoint(null);
            if (params.bucket() == null || !params.bucket().startsWith("arn:")) {
                onAws.forcePathStyle(true);
            }
            return viaHostPath(aws.resolveEndpoint(onAws.build()), local);
        };
    }

    private static S3ControlEndpointProvider s3Control() {
        S3ControlEndpointProvider aws = S3ControlEndpointProvider.defaultProvider();
        return params -> {
            if (params.endpoint() == null) {
                return aws.resolveEndpoint(params);
            }
            URI local = URI.create(params.endpoint());
            S3ControlEndpointParams onAws = params.toBuilder().endpoint(null).build();
            return viaHostPath(aws.resolveEndpoint(onAws), local);
        };
    }

    /** AWS's endpoint, reached at {@code local} as {@code local/_host/HOST/PATH}; signing stays AWS's. */
    private static CompletableFuture<Endpoint> viaHostPath(CompletableFuture<Endpoint> aws, URI local) {
        return aws.thenApply(endpoint -> {
            URI url = endpoint.url();
            String base = local.toString().replaceAll("/+$", "");
            return endpoint.toBuilder().url(URI.create(base + "/_host/" + url.getHost()
                    + (url.getRawPath() == null ? "" : url.getRawPath()))).build();
        });
    }
}
