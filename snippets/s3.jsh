//RUNTIME_OPTIONS -Dfile.encoding=UTF-8 -Dsun.stdout.encoding=UTF-8 -Dsun.stderr.encoding=UTF-8
//DEPS software.amazon.awssdk:bom:2.41.18@pom
//DEPS software.amazon.awssdk:s3
//DEPS software.amazon.awssdk:sts
//DEPS info.picocli:picocli:4.7.7
//DEPS org.slf4j:slf4j-nop:2.0.17
//SOURCES ../scripts/lib/Demo.java
// S3, ready to use: ./jbang run -i snippets/s3.jsh (target: AWS_ENDPOINT_URL, else AWS credentials, else the sandbox)

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import java.time.Duration;

var target = new Demo.TargetOptions().resolve();
System.out.println(target.describe());
// Path-style URLs when an endpoint is given: bucket names then need no DNS of their own.
var s3 = target.configure(S3Client.builder()).forcePathStyle(target.endpoint() != null).build();
var presignerBuilder = S3Presigner.builder().region(target.region()).credentialsProvider(target.credentials().provider())
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(target.endpoint() != null).build());
if (target.endpoint() != null) presignerBuilder.endpointOverride(target.endpoint());
var presigner = presignerBuilder.build();
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
