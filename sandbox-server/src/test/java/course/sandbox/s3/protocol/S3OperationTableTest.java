package course.sandbox.s3.protocol;

import course.sandbox.s3.AccessPointDirectory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import course.sandbox.http.Headers;
import course.sandbox.http.SandboxRequest;
import course.sandbox.iam.policy.ContextValue;
import course.sandbox.s3.BucketConfiguration;
import course.sandbox.s3.PublicAccessBlock;
import course.sandbox.s3.S3Store;
import course.sandbox.service.Caller;
import course.sandbox.service.Operation;
import course.sandbox.service.Permission;
import course.sandbox.service.ServiceException;
import course.sandbox.service.ServiceRequest;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Method + target + subresource → operation → IAM actions and resources, as AWS documents them. */
class S3OperationTableTest {
    private static final String DELETE_BODY = "<Delete><Object><Key>a</Key></Object><Object><Key>b</Key>"
            + "<VersionId>AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA</VersionId></Object></Delete>";
    private final S3Store store = new S3Store();
    private final S3Service service = new S3Service(store, "000000000000", accessKey -> Optional.empty(),
            (request, permission) -> { throw new AssertionError("nothing is decided here"); });

    static Stream<Arguments> operations() {
        return Stream.of(
                row("GET", "/", "", "", "ListBuckets", "s3:ListAllMyBuckets *"),
                row("PUT", "/b1", "", "", "CreateBucket", "s3:CreateBucket arn:aws:s3:::b1"),
                row("HEAD", "/b1", "", "", "HeadBucket", "s3:ListBucket arn:aws:s3:::b1"),
                row("DELETE", "/b1", "", "", "DeleteBucket", "s3:DeleteBucket arn:aws:s3:::b1"),
                row("GET", "/b1", "location", "", "GetBucketLocation", "s3:GetBucketLocation arn:aws:s3:::b1"),
                row("GET", "/b1", "", "", "ListObjects", "s3:ListBucket arn:aws:s3:::b1"),
                row("GET", "/b1", "list-type=2&prefix=p", "", "ListObjectsV2", "s3:ListBucket arn:aws:s3:::b1"),
                row("GET", "/b1", "versions", "", "ListObjectVersions", "s3:ListBucketVersions arn:aws:s3:::b1"),
                row("PUT", "/b1", "versioning", "", "PutBucketVersioning", "s3:PutBucketVersioning arn:aws:s3:::b1"),
                row("GET", "/b1", "versioning", "", "GetBucketVersioning", "s3:GetBucketVersioning arn:aws:s3:::b1"),
                row("GET", "/b1", "uploads", "", "ListMultipartUploads", "s3:ListBucketMultipartUploads arn:aws:s3:::b1"),
                row("PUT", "/b1", "tagging", "", "PutBucketTagging", "s3:PutBucketTagging arn:aws:s3:::b1"),
                row("GET", "/b1", "tagging", "", "GetBucketTagging", "s3:GetBucketTagging arn:aws:s3:::b1"),
                row("DELETE", "/b1", "tagging", "", "DeleteBucketTagging", "s3:PutBucketTagging arn:aws:s3:::b1"),
                row("PUT", "/b1", "policy", "", "PutBucketPolicy", "s3:PutBucketPolicy arn:aws:s3:::b1"),
                row("GET", "/b1", "policy", "", "GetBucketPolicy", "s3:GetBucketPolicy arn:aws:s3:::b1"),
                row("DELETE", "/b1", "policy", "", "DeleteBucketPolicy", "s3:DeleteBucketPolicy arn:aws:s3:::b1"),
                row("GET", "/b1", "policyStatus", "", "GetBucketPolicyStatus", "s3:GetBucketPolicyStatus arn:aws:s3:::b1"),
                row("POST", "/b1", "delete", "", "DeleteObjects"),
                row("PUT", "/b1/k%20y", "", "", "PutObject", "s3:PutObject arn:aws:s3:::b1/k y"),
                row("PUT", "/b1/k", "", "x-amz-tagging: a=b", "PutObject",
                        "s3:PutObject arn:aws:s3:::b1/k", "s3:PutObjectTagging arn:aws:s3:::b1/k"),
                row("GET", "/b1/k", "", "", "GetObject", "s3:GetObject arn:aws:s3:::b1/k"),
                row("GET", "/b1/k", "versionId=v", "", "GetObject", "s3:GetObjectVersion arn:aws:s3:::b1/k"),
                row("HEAD", "/b1/k", "", "", "HeadObject", "s3:GetObject arn:aws:s3:::b1/k"),
                row("DELETE", "/b1/k", "", "", "DeleteObject", "s3:DeleteObject arn:aws:s3:::b1/k"),
                row("DELETE", "/b1/k", "versionId=v", "", "DeleteObject", "s3:DeleteObjectVersion arn:aws:s3:::b1/k"),
                row("PUT", "/b1/k", "", "x-amz-copy-source: /src/a%2Fb?versionId=v1", "CopyObject",
                        "s3:GetObjectVersion arn:aws:s3:::src/a/b", "s3:PutObject arn:aws:s3:::b1/k"),
                row("POST", "/b1/k", "uploads", "", "CreateMultipartUpload", "s3:PutObject arn:aws:s3:::b1/k"),
                row("PUT", "/b1/k", "partNumber=1&uploadId=u", "", "UploadPart", "s3:PutObject arn:aws:s3:::b1/k"),
                row("PUT", "/b1/k", "partNumber=1&uploadId=u", "x-amz-copy-source: src/a", "UploadPartCopy",
                        "s3:GetObject arn:aws:s3:::src/a", "s3:PutObject arn:aws:s3:::b1/k"),
                row("GET", "/b1/k", "uploadId=u", "", "ListParts", "s3:ListMultipartUploadParts arn:aws:s3:::b1/k"),
                row("POST", "/b1/k", "uploadId=u", "", "CompleteMultipartUpload", "s3:PutObject arn:aws:s3:::b1/k"),
                row("DELETE", "/b1/k", "uploadId=u", "", "AbortMultipartUpload", "s3:AbortMultipartUpload arn:aws:s3:::b1/k"),
                row("PUT", "/b1/k", "tagging", "", "PutObjectTagging", "s3:PutObjectTagging arn:aws:s3:::b1/k"),
                row("GET", "/b1/k", "tagging&versionId=v", "", "GetObjectTagging", "s3:GetObjectVersionTagging arn:aws:s3:::b1/k"),
                row("DELETE", "/b1/k", "tagging", "", "DeleteObjectTagging", "s3:DeleteObjectTagging arn:aws:s3:::b1/k"));
    }

    private static Arguments row(String method, String path, String query, String header, String operation, String... permissions) {
        return Arguments.of(method, path, query, header, operation, List.of(permissions));
    }

    @ParameterizedTest(name = "{0} {1}?{2} → {4}")
    @MethodSource("operations")
    void operationAndPermissions(String method, String path, String query, String header, String name, List<String> expected) {
        Operation operation = service.operation(request(method, path, query, header, "localhost:4566"));
        assertEquals(name, operation.name());
        assertEquals(expected, operation.permissions().stream().map(p -> p.action() + " " + p.resource()).toList());
    }

    @Test
    void virtualHostedRequestsNameTheBucketInTheHost() {
        for (String host : List.of("photos.localhost:4566", "photos.s3.localhost:4566", "photos.localhost")) {
            Operation operation = service.operation(request("GET", "/a/b.jpg", "", "", host));
            assertEquals("s3:GetObject arn:aws:s3:::photos/a/b.jpg", describe(operation.permissions().get(0)), host);
        }
        assertEquals("ListBuckets", service.operation(request("GET", "/", "", "", "s3.localhost:4566")).name());
    }

    @Test
    void listingsCarryTheS3ConditionKeys() {
        Permission list = service.operation(request("GET", "/b1", "prefix=home%2F&delimiter=%2F&max-keys=5", "", "127.0.0.1")).permissions().get(0);
        assertEquals(ContextValue.string("home/"), list.context().get("s3:prefix"));
        assertEquals(ContextValue.string("/"), list.context().get("s3:delimiter"));
        assertEquals("5", list.context().get("s3:max-keys").values().get(0));
        Permission put = service.operation(request("PUT", "/b1/k", "", "x-amz-acl: public-read", "127.0.0.1")).permissions().get(0);
        assertEquals(ContextValue.string("public-read"), put.context().get("s3:x-amz-acl"));
    }

    @Test
    void eachKeyOfADeleteObjectsBatchNeedsWhatDeletingItAloneWould() {
        S3Permissions permissions = new S3Permissions((bucket, caller) -> Optional.empty(), "000000000000",
                new AccessPointPermissions(AccessPointDirectory.NONE));
        S3Request batch = S3Request.of(request("POST", "/b1", "delete", "", "127.0.0.1"), AccessPointDirectory.NONE);
        List<Permission> perKey = RequestBodies.DeleteRequest.parse(batch).objects().stream()
                .flatMap(object -> permissions.toDelete(batch, object).stream()).toList();
        assertEquals(List.of("s3:DeleteObject arn:aws:s3:::b1/a", "s3:DeleteObjectVersion arn:aws:s3:::b1/b"),
                perKey.stream().map(S3OperationTableTest::describe).toList());
        assertEquals(ContextValue.string("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), perKey.get(1).context().get("s3:versionid"));
    }

    @Test
    void theBucketPolicyIsAttachedWithTheSandboxAsOwner() {
        store.createBucket("000000000000", "with-policy", null, BucketConfiguration.newBucket().withPublicAccessBlock(null));
        store.putBucketPolicy("with-policy", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::with-policy/*\"}]}", (bucket, json) -> { });
        Permission get = service.operation(request("GET", "/with-policy/k", "", "", "127.0.0.1")).permissions().get(0);
        assertEquals("000000000000", get.resourcePolicy().orElseThrow().ownerAccountId());
        // RestrictPublicBuckets sets a public policy aside for everyone outside the owner's account.
        // https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
        store.configure("with-policy", configuration -> configuration.withPublicAccessBlock(
                new PublicAccessBlock(false, false, false, true)));
        assertEquals(Optional.empty(), service.operation(request("GET", "/with-policy/k", "", "", "127.0.0.1"))
                .permissions().get(0).resourcePolicy());
        assertEquals(Optional.empty(), service.operation(request("GET", "/no-such-bucket/k", "", "", "127.0.0.1"))
                .permissions().get(0).resourcePolicy());
    }

    @Test
    void unsupportedSubresourcesAreNotImplementedAndWrongMethodsNotAllowed() {
        for (String subresource : S3Routes.UNSUPPORTED_SUBRESOURCES) {
            for (String path : List.of("/b1", "/b1/k")) {
                ServiceException error = assertThrows(ServiceException.class,
                        () -> service.operation(request("PUT", path, subresource, "", "127.0.0.1")));
                assertEquals("NotImplemented", error.code(), subresource);
                assertEquals(501, error.status());
            }
        }
        assertEquals("MethodNotAllowed", assertThrows(ServiceException.class,
                () -> service.operation(request("PATCH", "/b1/k", "", "", "127.0.0.1"))).code());
        assertEquals("MethodNotAllowed", assertThrows(ServiceException.class,
                () -> service.operation(request("POST", "/b1", "tagging", "", "127.0.0.1"))).code());
        assertEquals("NotImplemented", assertThrows(ServiceException.class,
                () -> service.operation(request("GET", "/b1", "uploadId=u", "", "127.0.0.1"))).code());
        assertTrue(S3Routes.UNSUPPORTED_SUBRESOURCES.contains("replication"));
        // Configurations S3 has and the sandbox does not run: their PUTs are refused, never stored.
        for (String subresource : List.of("object-lock", "accelerate")) {
            assertEquals("NotImplemented", assertThrows(ServiceException.class,
                    () -> service.operation(request("PUT", "/b1", subresource, "", "127.0.0.1"))).code());
        }
        // An object subresource with the wrong method never falls through to the object itself.
        for (String subresource : List.of("acl", "attributes", "retention", "legal-hold")) {
            ServiceException error = assertThrows(ServiceException.class,
                    () -> service.operation(request("DELETE", "/b1/k", subresource, "", "127.0.0.1")));
            assertEquals("MethodNotAllowed", error.code(), subresource);
        }
    }

    private static String describe(Permission permission) {
        return permission.action() + " " + permission.resource();
    }

    private static ServiceRequest request(String method, String path, String query, String header, String host) {
        Headers headers = new Headers().add("Host", host);
        if (!header.isEmpty()) {
            int colon = header.indexOf(':');
            headers.add(header.substring(0, colon), header.substring(colon + 1).trim());
        }
        byte[] body = query.equals("delete") ? DELETE_BODY.getBytes(StandardCharsets.UTF_8) : new byte[0];
        SandboxRequest http = new SandboxRequest(method, path, query, headers, body, new InetSocketAddress("127.0.0.1", 50000));
        return new ServiceRequest(http, body, java.util.Optional.empty(), new Headers(), Caller.anonymous(), "us-east-1", "request-1", Instant.now(),
                course.sandbox.protocol.ServiceRoute.of(http));
    }
}
