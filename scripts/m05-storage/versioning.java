///usr/bin/env jbang "$0" "$@" ; exit $?
//DEPS software.amazon.awssdk:s3
//SOURCES ../lib/DemoCommand.java
//SOURCES ../lib/S3Demo.java

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "versioning", mixinStandardHelpOptions = true,
        description = {"S3 versioning: every overwrite kept as a version, a delete that only hides (a delete marker),",
                "undelete, permanent deletes, suspending (the \"null\" version), and what MFA Delete would add."})
class versioning implements Callable<Integer> {
    private static final String KEY = "notes.txt";

    @Mixin
    DemoCommand.TargetOptions targetOptions;

    public static void main(String[] args) {
        DemoCommand.main(new versioning(), args);
    }

    @Override
    public Integer call() {
        Demo.Target target = targetOptions.resolve();
        System.out.println(target.describe());
        String bucket = Demo.uniqueName("course-versioning");
        Demo.Cleanup cleanup = new Demo.Cleanup();
        try (S3Client s3 = S3Client.create()) {
            try {
                Demo.step("Create a bucket and turn versioning on");
                S3Demo.createBucket(s3, bucket);
                cleanup.add("bucket " + bucket, () -> s3.deleteBucket(r -> r.bucket(bucket)));
                cleanup.add("every version and delete marker in " + bucket, () -> S3Demo.deleteObjects(s3, bucket));
                Demo.show("Bucket", bucket);
                Demo.show("Versioning before", statusOf(s3, bucket));
                s3.putBucketVersioning(r -> r.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
                Demo.show("Versioning now", statusOf(s3, bucket));
                Demo.say("Once enabled, a bucket can be suspended but never return to unversioned.");

                Demo.step("Write " + KEY + " twice: the overwrite keeps the first version");
                String first = s3.putObject(r -> r.bucket(bucket).key(KEY), RequestBody.fromString("first draft")).versionId();
                String second = s3.putObject(r -> r.bucket(bucket).key(KEY), RequestBody.fromString("second draft")).versionId();
                Demo.show("Version 1", first);
                Demo.show("Version 2", second);

                Demo.step("ListObjectVersions: newest first");
                listVersions(s3, bucket);

                Demo.step("GetObject: the latest by default, any version by its id");
                Demo.show("Latest", read(s3, bucket, null));
                Demo.show("Version 1", read(s3, bucket, first));

                Demo.step("DeleteObject without a version id: a delete marker hides the object");
                DeleteObjectResponse deleted = s3.deleteObject(r -> r.bucket(bucket).key(KEY));
                String marker = deleted.versionId();
                Demo.show("Delete marker", marker + " (x-amz-delete-marker: " + deleted.deleteMarker() + ")");
                try {
                    s3.getObjectAsBytes(r -> r.bucket(bucket).key(KEY));
                    throw new Demo.UserError("Expected NoSuchKey after the delete marker, but GetObject succeeded.");
                } catch (S3Exception e) {
                    Demo.show("GetObject now", e.statusCode() + " " + e.awsErrorDetails().errorCode() + " (x-amz-delete-marker: "
                            + e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-delete-marker").orElse("-") + ")");
                }
                listVersions(s3, bucket);

                Demo.step("Undelete: delete the delete marker (by its version id)");
                s3.deleteObject(r -> r.bucket(bucket).key(KEY).versionId(marker));
                Demo.show("Latest again", read(s3, bucket, null));

                Demo.step("Permanent delete: a version id deletes that version for good");
                s3.deleteObject(r -> r.bucket(bucket).key(KEY).versionId(first));
                listVersions(s3, bucket);

                Demo.step("Suspend versioning: new writes get the version id \"null\" and replace each other");
                s3.putBucketVersioning(r -> r.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED)));
                Demo.show("Versioning now", statusOf(s3, bucket));
                String third = s3.putObject(r -> r.bucket(bucket).key(KEY), RequestBody.fromString("third draft")).versionId();
                s3.putObject(r -> r.bucket(bucket).key(KEY), RequestBody.fromString("fourth draft"));
                Demo.show("Version id of a write", third);
                Demo.say("Two writes while suspended, one \"null\" version left; version 2 is kept:");
                listVersions(s3, bucket);

                Demo.step("What MFA Delete would add");
                Demo.say("With MFA Delete on, deleting a version or changing the versioning state needs the root");
                Demo.say("user's MFA code in every request (x-amz-mfa: \"<device serial> <code>\"). Only the root user");
                Demo.say("can turn it on, with PutBucketVersioning(Status=Enabled, MFADelete=Enabled) and its MFA code;");
                Demo.say("lifecycle rules cannot expire versions in such a bucket. This run does not turn it on.");
                String mfaDelete = s3.getBucketVersioning(r -> r.bucket(bucket)).mfaDeleteAsString();
                Demo.show("MFADelete", mfaDelete == null ? "never configured (no MFADelete element)" : mfaDelete);
            } finally {
                cleanup.run();
            }
        }
        return 0;
    }

    private static String statusOf(S3Client s3, String bucket) {
        String status = s3.getBucketVersioning(r -> r.bucket(bucket)).statusAsString();
        return status == null ? "never enabled (no Status)" : status;
    }

    private static String read(S3Client s3, String bucket, String versionId) {
        return "\"" + s3.getObjectAsBytes(r -> r.bucket(bucket).key(KEY).versionId(versionId)).asUtf8String() + "\"";
    }

    private static void listVersions(S3Client s3, String bucket) {
        ListObjectVersionsResponse listing = s3.listObjectVersions(r -> r.bucket(bucket));
        record Row(String kind, String versionId, boolean latest, java.time.Instant modified, String size) {
        }
        List<Row> rows = new ArrayList<>();
        for (ObjectVersion version : listing.versions()) {
            rows.add(new Row("version", version.versionId(), version.isLatest(), version.lastModified(), version.size() + " B"));
        }
        for (DeleteMarkerEntry marker : listing.deleteMarkers()) {
            rows.add(new Row("marker ", marker.versionId(), marker.isLatest(), marker.lastModified(), "-"));
        }
        rows.sort(Comparator.comparing(Row::latest).reversed());
        for (Row row : rows) {
            Demo.say(String.format("%s  %-32s  %-6s  %s", row.kind(), row.versionId(), row.latest() ? "latest" : "", row.size()));
        }
    }

}
