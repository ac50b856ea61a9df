// JBang's JShell adds every system module; limited to what the SDK needs, no incubator module warns.
//RUNTIME_OPTIONS --limit-modules=java.se,jdk.jshell,jdk.unsupported,jdk.crypto.ec,jdk.charsets,jdk.localedata,jdk.zipfs,jdk.net,jdk.management,jdk.jfr,jdk.naming.dns
//DEPS software.amazon.awssdk:s3
//SOURCES ../scripts/lib/Demo.java
// S3, ready to use: ./jbang run -i snippets/s3.jsh (target: AWS_ENDPOINT_URL, else AWS credentials, else the sandbox)

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import java.time.Duration;

var target = Demo.target(); // AWS_ENDPOINT_URL, else AWS credentials, else the sandbox: now the SDK's default
System.out.println(target.describe());
var s3 = S3Client.create();
var presigner = S3Presigner.create();
var bucket = Demo.uniqueName("student");

System.out.println("""
        Ready: s3 (S3Client), presigner (S3Presigner), bucket (a fresh name: %s). Try this:
          s3.createBucket(r -> r.bucket(bucket))
          s3.putObject(r -> r.bucket(bucket).key("hello.txt"), RequestBody.fromString("Hello, S3")).eTag()
          s3.listObjectsV2(r -> r.bucket(bucket)).contents()
          presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5)).getObjectRequest(g -> g.bucket(bucket).key("hello.txt"))).url()
          s3.putBucketVersioning(r -> r.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)))
          s3.listObjectVersions(r -> r.bucket(bucket)).versions()
          s3.putObject(r -> r.bucket(bucket).key("sum.txt").checksumAlgorithm(ChecksumAlgorithm.SHA256), RequestBody.fromString("x")).checksumSHA256()
          s3.getPublicAccessBlock(r -> r.bucket(bucket)).publicAccessBlockConfiguration()
        """.formatted(bucket));
