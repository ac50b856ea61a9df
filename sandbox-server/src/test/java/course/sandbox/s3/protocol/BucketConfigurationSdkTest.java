package course.sandbox.s3.protocol;

import course.sandbox.e2e.RunningSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.GetBucketAclResponse;
import software.amazon.awssdk.services.s3.model.GetObjectAttributesResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.Tagging;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static course.sandbox.s3.protocol.SdkScenarios.expectError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bucket configuration as AWS sets it up today, through SDK v2 against a real sandbox: the
 * defaults of a new bucket, Get/Put/Delete of each configuration, ACLs, Block Public Access
 * enforced, CORS preflights and headers, and the CreateBucket, policy and tag rules of issue 14.
 */
class BucketConfigurationSdkTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static RunningSandbox sandbox;
    private static S3Client s3;
    private String bucket;

    @BeforeAll
    static void start() {
        sandbox = RunningSandbox.start();
        s3 = client(Region.US_EAST_1);
    }

    @AfterAll
    static void stop() {
        s3.close();
        sandbox.close();
    }

    @BeforeEach
    void createBucket() {
        bucket = "config-" + UUID.randomUUID().toString().substring(0, 8);
        s3.createBucket(b -> b.bucket(bucket));
    }

    private static S3Client client(Region region) {
        return S3Client.builder().endpointOverride(sandbox.endpoint()).region(region)
                .credentialsProvider(RunningSandbox.rootCredentials()).httpClient(ApacheHttpClient.create()).build();
    }

    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/create-bucket-overview.html
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html
    @Test
    void aNewBucketIsPrivateOwnerEnforcedAndEncrypted() {
        PublicAccessBlockConfiguration block = s3.getPublicAccessBlock(b -> b.bucket(bucket)).publicAccessBlockConfiguration();
        assertTrue(block.blockPublicAcls() && block.ignorePublicAcls() && block.blockPublicPolicy() && block.restrictPublicBuckets());
        assertEquals(ObjectOwnership.BUCKET_OWNER_ENFORCED,
                s3.getBucketOwnershipControls(b -> b.bucket(bucket)).ownershipControls().rules().get(0).objectOwnership());
        var rule = s3.getBucketEncryption(b -> b.bucket(bucket)).serverSideEncryptionConfiguration().rules().get(0);
        assertEquals(ServerSideEncryption.AES256, rule.applyServerSideEncryptionByDefault().sseAlgorithm());
        assertFalse(rule.bucketKeyEnabled());

        PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));
        assertEquals(ServerSideEncryption.AES256, put.serverSideEncryption());
        assertEquals(ServerSideEncryption.AES256, s3.headObject(b -> b.bucket(bucket).key("k")).serverSideEncryption());
        assertEquals(ServerSideEncryption.AES256, s3.getObject(b -> b.bucket(bucket).key("k")).response().serverSideEncryption());
        // Asking for SSE-S3 explicitly is fine; SSE-KMS needs KMS, which the sandbox does not run.
        s3.putObject(b -> b.bucket(bucket).key("k2").serverSideEncryption(ServerSideEncryption.AES256), RequestBody.fromString("v"));
        expectError(501, "NotImplemented", () -> s3.putObject(b -> b.bucket(bucket).key("k3")
                .serverSideEncryption(ServerSideEncryption.AWS_KMS), RequestBody.fromString("v")));
    }

    @Test
    void eachConfigurationIsPutReadAndDeleted() {
        // Block Public Access: deleted means nothing is blocked, and reading it is then a 404.
        s3.deletePublicAccessBlock(b -> b.bucket(bucket));
        expectError(404, "NoSuchPublicAccessBlockConfiguration", () -> s3.getPublicAccessBlock(b -> b.bucket(bucket)));
        s3.putPublicAccessBlock(b -> b.bucket(bucket).publicAccessBlockConfiguration(c -> c.blockPublicPolicy(true)));
        PublicAccessBlockConfiguration block = s3.getPublicAccessBlock(b -> b.bucket(bucket)).publicAccessBlockConfiguration();
        assertTrue(block.blockPublicPolicy());
        assertFalse(block.blockPublicAcls() || block.ignorePublicAcls() || block.restrictPublicBuckets());

        s3.deleteBucketOwnershipControls(b -> b.bucket(bucket));
        expectError(404, "OwnershipControlsNotFoundError", () -> s3.getBucketOwnershipControls(b -> b.bucket(bucket)));
        s3.putBucketOwnershipControls(b -> b.bucket(bucket).ownershipControls(c -> c.rules(r -> r.objectOwnership(ObjectOwnership.OBJECT_WRITER))));
        assertEquals(ObjectOwnership.OBJECT_WRITER,
                s3.getBucketOwnershipControls(b -> b.bucket(bucket)).ownershipControls().rules().get(0).objectOwnership());

        s3.putBucketEncryption(b -> b.bucket(bucket).serverSideEncryptionConfiguration(c -> c.rules(r -> r
                .bucketKeyEnabled(true).applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AES256)))));
        assertTrue(s3.getBucketEncryption(b -> b.bucket(bucket)).serverSideEncryptionConfiguration().rules().get(0).bucketKeyEnabled());
        // Deleting the default encryption returns to SSE-S3: every bucket is encrypted.
        s3.deleteBucketEncryption(b -> b.bucket(bucket));
        assertFalse(s3.getBucketEncryption(b -> b.bucket(bucket)).serverSideEncryptionConfiguration().rules().get(0).bucketKeyEnabled());
        expectError(501, "NotImplemented", () -> s3.putBucketEncryption(b -> b.bucket(bucket).serverSideEncryptionConfiguration(c -> c
                .rules(r -> r.applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AWS_KMS))))));

        expectError(404, "NoSuchCORSConfiguration", () -> s3.getBucketCors(b -> b.bucket(bucket)));
        CORSRule cors = CORSRule.builder().id("web").allowedOrigins("http://localhost:8080").allowedMethods("GET", "PUT")
                .allowedHeaders("*").exposeHeaders("ETag").maxAgeSeconds(600).build();
        s3.putBucketCors(b -> b.bucket(bucket).corsConfiguration(c -> c.corsRules(cors)));
        assertEquals(List.of(cors), s3.getBucketCors(b -> b.bucket(bucket)).corsRules());
        s3.deleteBucketCors(b -> b.bucket(bucket));
        expectError(404, "NoSuchCORSConfiguration", () -> s3.getBucketCors(b -> b.bucket(bucket)));

        expectError(404, "NoSuchWebsiteConfiguration", () -> s3.getBucketWebsite(b -> b.bucket(bucket)));
        s3.putBucketWebsite(b -> b.bucket(bucket).websiteConfiguration(w -> w.indexDocument(i -> i.suffix("index.html"))
                .errorDocument(e -> e.key("error.html"))
                .routingRules(r -> r.condition(c -> c.keyPrefixEquals("docs/")).redirect(d -> d.replaceKeyPrefixWith("documents/")))));
        var website = s3.getBucketWebsite(b -> b.bucket(bucket));
        assertEquals("index.html", website.indexDocument().suffix());
        assertEquals("error.html", website.errorDocument().key());
        assertEquals("documents/", website.routingRules().get(0).redirect().replaceKeyPrefixWith());
        s3.deleteBucketWebsite(b -> b.bucket(bucket));
        expectError(404, "NoSuchWebsiteConfiguration", () -> s3.getBucketWebsite(b -> b.bucket(bucket)));

        expectError(404, "NoSuchLifecycleConfiguration", () -> s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)));
        LifecycleRule expire = LifecycleRule.builder().id("tmp").status(ExpirationStatus.ENABLED)
                .filter(f -> f.prefix("tmp/")).expiration(e -> e.days(7))
                .abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(2)).build();
        var put = s3.putBucketLifecycleConfiguration(b -> b.bucket(bucket).lifecycleConfiguration(c -> c.rules(expire)));
        assertEquals("all_storage_classes_128K", put.transitionDefaultMinimumObjectSizeAsString());
        assertEquals(List.of(expire), s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)).rules());
        s3.deleteBucketLifecycle(b -> b.bucket(bucket));
        expectError(404, "NoSuchLifecycleConfiguration", () -> s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)));
    }

    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html
    @Test
    void aclsAreDisabledButReadableAndPublicOnesAreRefused() {
        s3.putObject(b -> b.bucket(bucket).key("o"), RequestBody.fromString("o"));
        GetBucketAclResponse acl = s3.getBucketAcl(b -> b.bucket(bucket));
        assertEquals(1, acl.grants().size());
        assertEquals(Permission.FULL_CONTROL, acl.grants().get(0).permission());
        assertEquals(acl.owner().id(), acl.grants().get(0).grantee().id());
        assertEquals(acl.owner().id(), s3.getObjectAcl(b -> b.bucket(bucket).key("o")).grants().get(0).grantee().id());
        expectError(404, "NoSuchKey", () -> s3.getObjectAcl(b -> b.bucket(bucket).key("missing")));

        // Writes that grant nothing beyond the owner succeed; anything else is refused.
        s3.putObject(b -> b.bucket(bucket).key("fine").acl(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL), RequestBody.fromString("x"));
        s3.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PRIVATE));
        S3Exception publicRead = expectError(400, "AccessControlListNotSupported", () -> s3.putObject(b -> b.bucket(bucket)
                .key("public").acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("x")));
        assertEquals("The bucket does not allow ACLs", publicRead.awsErrorDetails().errorMessage());
        expectError(404, "NoSuchKey", () -> s3.headObject(b -> b.bucket(bucket).key("public")));
        expectError(400, "AccessControlListNotSupported", () -> s3.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PUBLIC_READ)));

        // CreateBucket: a public ACL on a BucketOwnerEnforced bucket, then on an ObjectWriter one under Block Public Access.
        String other = bucket + "-acl";
        S3Exception enforced = expectError(400, "InvalidBucketAclWithObjectOwnership",
                () -> s3.createBucket(b -> b.bucket(other).acl(BucketCannedACL.PUBLIC_READ)));
        assertEquals("Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting",
                enforced.awsErrorDetails().errorMessage());
        expectError(403, "AccessDenied", () -> s3.createBucket(b -> b.bucket(other).acl(BucketCannedACL.PUBLIC_READ)
                .objectOwnership(ObjectOwnership.OBJECT_WRITER)));
        s3.createBucket(b -> b.bucket(other).objectOwnership(ObjectOwnership.OBJECT_WRITER));
        expectError(403, "AccessDenied", () -> s3.putObject(b -> b.bucket(other).key("p").acl(ObjectCannedACL.PUBLIC_READ),
                RequestBody.fromString("x")));
    }

    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
    @Test
    void blockPublicAccessRefusesThenSetsAsideAPublicPolicy() throws Exception {
        s3.putObject(b -> b.bucket(bucket).key("page.html"), RequestBody.fromString("<p>hi</p>"));
        String publicRead = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject",
                 "Resource":"arn:aws:s3:::%s/*"}]}""".formatted(bucket);
        S3Exception blocked = expectError(403, "AccessDenied", () -> s3.putBucketPolicy(b -> b.bucket(bucket).policy(publicRead)));
        assertEquals("User: arn:aws:iam::000000000000:root is not authorized to perform: s3:PutBucketPolicy on resource: \"arn:aws:s3:::"
                + bucket + "\" because public policies are blocked by the BlockPublicPolicy block public access setting.",
                blocked.awsErrorDetails().errorMessage());
        // A policy naming a fixed principal is not public, and BlockPublicPolicy lets it in.
        s3.putBucketPolicy(b -> b.bucket(bucket).policy("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::000000000000:root"},
                 "Action":"s3:GetObject","Resource":"arn:aws:s3:::%s/*"}]}""".formatted(bucket)));
        assertFalse(s3.getBucketPolicyStatus(b -> b.bucket(bucket)).policyStatus().isPublic());
        // Nor is "everyone" narrowed by a fixed aws:SourceIp.
        s3.putBucketPolicy(b -> b.bucket(bucket).policy("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject",
                 "Resource":"arn:aws:s3:::%s/*","Condition":{"IpAddress":{"aws:SourceIp":"192.0.2.0/24"}}}]}""".formatted(bucket)));
        assertFalse(s3.getBucketPolicyStatus(b -> b.bucket(bucket)).policyStatus().isPublic());

        // BlockPublicPolicy off, RestrictPublicBuckets on: the public policy is stored but only the account gets through.
        s3.putPublicAccessBlock(b -> b.bucket(bucket).publicAccessBlockConfiguration(c -> c.restrictPublicBuckets(true)));
        s3.putBucketPolicy(b -> b.bucket(bucket).policy(publicRead));
        assertTrue(s3.getBucketPolicyStatus(b -> b.bucket(bucket)).policyStatus().isPublic());
        URI url = URI.create(sandbox.endpoint() + "/" + bucket + "/page.html");
        assertEquals(403, anonymousGet(url).statusCode());
        s3.deletePublicAccessBlock(b -> b.bucket(bucket));
        HttpResponse<String> open = anonymousGet(url);
        assertEquals(200, open.statusCode());
        assertEquals("<p>hi</p>", open.body());
    }

    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/cors.html
    // https://docs.aws.amazon.com/AmazonS3/latest/API/RESTOPTIONSobject.html
    @Test
    void corsPreflightsFollowTheRulesAndAnswersCarryTheHeaders() throws Exception {
        s3.putObject(b -> b.bucket(bucket).key("data.json"), RequestBody.fromString("{}"));
        URI object = URI.create(sandbox.endpoint() + "/" + bucket + "/data.json");
        HttpResponse<String> noCors = preflight(object, "http://site.localhost:8080", "GET", null);
        assertEquals(403, noCors.statusCode());
        assertTrue(noCors.body().contains("<Code>AccessForbidden</Code>") && noCors.body().contains("CORS is not enabled for this bucket"),
                noCors.body());

        s3.putBucketCors(b -> b.bucket(bucket).corsConfiguration(c -> c.corsRules(
                CORSRule.builder().allowedOrigins("http://*.localhost:8080").allowedMethods("GET", "HEAD")
                        .allowedHeaders("x-amz-*", "content-type").exposeHeaders("ETag", "x-amz-version-id").maxAgeSeconds(300).build(),
                CORSRule.builder().allowedOrigins("*").allowedMethods("GET").build())));
        HttpResponse<String> allowed = preflight(object, "http://site.localhost:8080", "GET", "X-Amz-Date, Content-Type");
        assertEquals(200, allowed.statusCode(), allowed.body());
        assertEquals("http://site.localhost:8080", allowed.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertEquals("GET, HEAD", allowed.headers().firstValue("Access-Control-Allow-Methods").orElseThrow());
        assertEquals("x-amz-date, content-type", allowed.headers().firstValue("Access-Control-Allow-Headers").orElseThrow());
        assertEquals("ETag, x-amz-version-id", allowed.headers().firstValue("Access-Control-Expose-Headers").orElseThrow());
        assertEquals("300", allowed.headers().firstValue("Access-Control-Max-Age").orElseThrow());
        assertEquals("true", allowed.headers().firstValue("Access-Control-Allow-Credentials").orElseThrow());

        // Another origin falls to the second rule, which allows GET without request headers and answers "*".
        HttpResponse<String> anyOrigin = preflight(object, "http://elsewhere.example", "GET", null);
        assertEquals("*", anyOrigin.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        HttpResponse<String> refused = preflight(object, "http://elsewhere.example", "PUT", null);
        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("This CORS request is not allowed"), refused.body());
        assertTrue(refused.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        assertEquals(403, preflight(object, "http://elsewhere.example", "GET", "x-custom").statusCode());
        HttpResponse<String> noOrigin = preflight(object, null, "GET", null);
        assertEquals(400, noOrigin.statusCode());
        assertTrue(noOrigin.body().contains("Insufficient information. Origin request header needed."), noOrigin.body());
        HttpResponse<String> badMethod = preflight(object, "http://site.localhost:8080", "PATCH", null);
        assertTrue(badMethod.body().contains("Invalid Access-Control-Request-Method: PATCH"), badMethod.body());

        // The actual request: a signed GET from the browser's origin carries the matching rule's headers.
        HttpResponse<String> signed = HTTP.send(HttpRequest.newBuilder(presignedGet("data.json"))
                .header("Origin", "http://site.localhost:8080").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, signed.statusCode());
        assertEquals("http://site.localhost:8080", signed.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        HttpResponse<String> noRule = HTTP.send(HttpRequest.newBuilder(presignedGet("data.json"))
                .header("Origin", "http://elsewhere.example").method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(noRule.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), noRule.headers().toString());
    }

    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html
    @Test
    void createBucketChecksTheLocationConstraintAgainstTheEndpoint() {
        String name = bucket + "-loc";
        S3Exception usEast = expectError(400, "InvalidLocationConstraint", () -> s3.createBucket(b -> b.bucket(name)
                .createBucketConfiguration(c -> c.locationConstraint("us-east-1"))));
        assertEquals("The specified location-constraint is not valid", usEast.awsErrorDetails().errorMessage());
        expectError(400, "InvalidLocationConstraint", () -> s3.createBucket(b -> b.bucket(name)
                .createBucketConfiguration(c -> c.locationConstraint("moon-east-1"))));
        // SDK v2 fills in its own region as the constraint when none is given; AWS CLI and boto3 do not
        // (BucketConfigurationCliTest shows the "unspecified" answer they get).
        try (S3Client ireland = client(Region.EU_WEST_1)) {
            S3Exception other = expectError(400, "IllegalLocationConstraintException", () -> ireland.createBucket(b -> b.bucket(name)
                    .createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.US_WEST_2))));
            assertTrue(other.awsErrorDetails().errorMessage().startsWith("The us-west-2 location constraint is incompatible"));
            ireland.createBucket(b -> b.bucket(name).createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.EU_WEST_1)));
            assertEquals("eu-west-1", ireland.getBucketLocation(b -> b.bucket(name)).locationConstraintAsString());
            ireland.deleteBucket(b -> b.bucket(name));
        }
        // The us-east-1 endpoint creates buckets in any region.
        s3.createBucket(b -> b.bucket(name).createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.EU_CENTRAL_1)));
        assertEquals("eu-central-1", s3.getBucketLocation(b -> b.bucket(name)).locationConstraintAsString());
    }

    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-tagging.html
    @Test
    void policiesNameRealActionsAndObjectsHoldTenTags() {
        S3Exception moon = expectError(400, "MalformedPolicy", () -> s3.putBucketPolicy(b -> b.bucket(bucket).policy("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::000000000000:root"},
                 "Action":"s3:FlyToTheMoon","Resource":"arn:aws:s3:::%s/*"}]}""".formatted(bucket))));
        assertEquals("Policy has invalid action", moon.awsErrorDetails().errorMessage());
        expectError(400, "MalformedPolicy", () -> s3.putBucketPolicy(b -> b.bucket(bucket).policy("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::000000000000:root"},
                 "Action":"sqs:SendMessage","Resource":"arn:aws:s3:::%s/*"}]}""".formatted(bucket))));
        s3.putBucketPolicy(b -> b.bucket(bucket).policy("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::000000000000:root"},
                 "Action":["s3:get*","s3:List?ucket"],"Resource":["arn:aws:s3:::%1$s","arn:aws:s3:::%1$s/*"]}]}""".formatted(bucket)));

        Tagging eleven = Tagging.builder().tagSet(IntStream.range(0, 11)
                .mapToObj(i -> software.amazon.awssdk.services.s3.model.Tag.builder().key("k" + i).value("v").build()).toList()).build();
        s3.putObject(b -> b.bucket(bucket).key("tagged"), RequestBody.fromString("t"));
        S3Exception tooMany = expectError(400, "BadRequest", () -> s3.putObjectTagging(b -> b.bucket(bucket).key("tagged").tagging(eleven)));
        assertEquals("Object tags cannot be greater than 10", tooMany.awsErrorDetails().errorMessage());
        expectError(400, "BadRequest", () -> s3.putObject(b -> b.bucket(bucket).key("t2").tagging(eleven), RequestBody.fromString("t")));
    }

    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectAttributes.html
    @Test
    void objectAttributesAnswerWhatIsAskedFor() {
        s3.putObject(b -> b.bucket(bucket).key("a.txt"), RequestBody.fromString("attributes"));
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("a.txt"));
        GetObjectAttributesResponse attributes = s3.getObjectAttributes(b -> b.bucket(bucket).key("a.txt")
                .objectAttributes(ObjectAttributes.E_TAG, ObjectAttributes.OBJECT_SIZE, ObjectAttributes.STORAGE_CLASS,
                        ObjectAttributes.CHECKSUM));
        assertEquals(head.eTag().replace("\"", ""), attributes.eTag());
        assertEquals(10L, attributes.objectSize());
        assertEquals("STANDARD", attributes.storageClassAsString());
        assertEquals(head.lastModified(), attributes.lastModified());
        // SDK v2 sends a CRC32 with every upload: S3 keeps it as the object's checksum.
        assertEquals(s3.headObject(b -> b.bucket(bucket).key("a.txt").checksumMode("ENABLED")).checksumCRC32(),
                attributes.checksum().checksumCRC32());
        assertEquals("FULL_OBJECT", attributes.checksum().checksumTypeAsString());
        expectError(404, "NoSuchKey", () -> s3.getObjectAttributes(b -> b.bucket(bucket).key("missing")
                .objectAttributes(ObjectAttributes.E_TAG)));
    }

    @Test
    void configurationsTheSandboxDoesNotRunAnswerAsForABucketThatNeverSetThem() {
        assertTrue(s3.getBucketNotificationConfiguration(b -> b.bucket(bucket)).topicConfigurations().isEmpty());
        s3.putBucketNotificationConfiguration(b -> b.bucket(bucket).notificationConfiguration(n -> { }));
        expectError(501, "NotImplemented", () -> s3.putBucketNotificationConfiguration(b -> b.bucket(bucket)
                .notificationConfiguration(n -> n.queueConfigurations(q -> q.queueArn("arn:aws:sqs:us-east-1:000000000000:q")
                        .eventsWithStrings("s3:ObjectCreated:*")))));
        assertNull(s3.getBucketLogging(b -> b.bucket(bucket)).loggingEnabled());
        assertNull(s3.getBucketAccelerateConfiguration(b -> b.bucket(bucket)).status());
        assertEquals("BucketOwner", s3.getBucketRequestPayment(b -> b.bucket(bucket)).payerAsString());
        expectError(404, "ObjectLockConfigurationNotFoundError", () -> s3.getObjectLockConfiguration(b -> b.bucket(bucket)));
        s3.putObject(b -> b.bucket(bucket).key("o"), RequestBody.fromString("o"));
        expectError(400, "InvalidRequest", () -> s3.getObjectRetention(b -> b.bucket(bucket).key("o")));
        expectError(400, "InvalidRequest", () -> s3.getObjectLegalHold(b -> b.bucket(bucket).key("o")));
    }

    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-expire-general-considerations.html
    @Test
    void lifecycleExpiresByDateAndTellsTheExpiryOnEveryRead() {
        s3.putObject(b -> b.bucket(bucket).key("logs/old.log"), RequestBody.fromString("old"));
        s3.putObject(b -> b.bucket(bucket).key("keep.txt"), RequestBody.fromString("keep"));
        s3.putBucketLifecycleConfiguration(b -> b.bucket(bucket).lifecycleConfiguration(c -> c.rules(
                LifecycleRule.builder().id("week").status(ExpirationStatus.ENABLED).filter(f -> f.prefix("keep"))
                        .expiration(e -> e.days(7)).build(),
                LifecycleRule.builder().id("past").status(ExpirationStatus.ENABLED).filter(f -> f.prefix("logs/"))
                        .expiration(e -> e.date(Instant.parse("2020-01-01T00:00:00Z"))).build())));
        // A Date already past expires the matching objects at the next run.
        expectError(404, "NoSuchKey", () -> s3.headObject(b -> b.bucket(bucket).key("logs/old.log")));
        String expiration = s3.headObject(b -> b.bucket(bucket).key("keep.txt")).expiration();
        assertTrue(expiration.matches("expiry-date=\"\\w{3}, \\d\\d \\w{3} \\d{4} 00:00:00 GMT\", rule-id=\"week\""), expiration);

        S3Exception noAction = expectError(400, "InvalidRequest", () -> s3.putBucketLifecycleConfiguration(b -> b.bucket(bucket)
                .lifecycleConfiguration(c -> c.rules(LifecycleRule.builder().id("x").status(ExpirationStatus.ENABLED)
                        .filter(f -> f.prefix("")).build()))));
        assertEquals("At least one action needs to be specified in a rule", noAction.awsErrorDetails().errorMessage());
        expectError(400, "InvalidArgument", () -> s3.putBucketLifecycleConfiguration(b -> b.bucket(bucket)
                .lifecycleConfiguration(c -> c.rules(LifecycleRule.builder().id("x").status(ExpirationStatus.ENABLED)
                        .filter(f -> f.prefix("")).expiration(e -> e.date(Instant.parse("2030-01-01T10:00:00Z"))).build()))));
    }

    // Lifecycle runs against the sandbox's clock (--clock, or a test's). Anonymous reads carry no
    // signature time, so they still work two days later.
    @Test
    void lifecycleActsWhenTheSandboxClockReachesTheDueDate() throws Exception {
        s3.putObject(b -> b.bucket(bucket).key("tmp/scratch.txt"), RequestBody.fromString("scratch"));
        s3.putBucketLifecycleConfiguration(b -> b.bucket(bucket).lifecycleConfiguration(c -> c.rules(
                LifecycleRule.builder().id("tmp").status(ExpirationStatus.ENABLED).filter(f -> f.prefix("tmp/"))
                        .expiration(e -> e.days(1)).build())));
        s3.deletePublicAccessBlock(b -> b.bucket(bucket));
        s3.putBucketPolicy(b -> b.bucket(bucket).policy("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":["s3:GetObject","s3:ListBucket"],
                 "Resource":["arn:aws:s3:::%1$s","arn:aws:s3:::%1$s/*"]}]}""".formatted(bucket)));
        URI url = URI.create(sandbox.endpoint() + "/" + bucket + "/tmp/scratch.txt");
        assertEquals(200, anonymousGet(url).statusCode());
        sandbox.shiftClock(java.time.Duration.ofDays(2).plusHours(1));
        try {
            HttpResponse<String> expired = anonymousGet(url);
            assertEquals(404, expired.statusCode(), expired.body());
            assertTrue(expired.body().contains("<Code>NoSuchKey</Code>"), expired.body());
        } finally {
            sandbox.shiftClock(java.time.Duration.ZERO);
        }
    }

    private URI presignedGet(String key) {
        try (var presigner = software.amazon.awssdk.services.s3.presigner.S3Presigner.builder().endpointOverride(sandbox.endpoint())
                .region(Region.US_EAST_1).credentialsProvider(RunningSandbox.rootCredentials()).build()) {
            return URI.create(presigner.presignGetObject(p -> p.signatureDuration(java.time.Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket(bucket).key(key))).url().toString());
        }
    }

    private static HttpResponse<String> anonymousGet(URI url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> preflight(URI url, String origin, String method, String headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Access-Control-Request-Method", method);
        if (origin != null) {
            request.header("Origin", origin);
        }
        if (headers != null) {
            request.header("Access-Control-Request-Headers", headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
