///usr/bin/env jbang "$0" "$@" ; exit $?
//DEPS software.amazon.awssdk:s3
//DEPS software.amazon.awssdk:iam
//DEPS software.amazon.awssdk:iam-policy-builder
//SOURCES ../lib/DemoCommand.java
//SOURCES ../lib/S3Demo.java

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.policybuilder.iam.IamConditionOperator;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.policybuilder.iam.IamPrincipal;
import software.amazon.awssdk.policybuilder.iam.IamStatement;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

@Command(name = "bucket-policy", mixinStandardHelpOptions = true,
        description = {"S3 bucket policies: a second principal denied by default, a policy that grants it read access,",
                "an explicit Deny that beats the Allow, a condition (aws:SourceIp), a public policy refused by Block Public",
                "Access and then allowed, and an anonymous GET — every denial with the reason S3 gives."})
class bucket_policy implements Callable<Integer> {
    private static final String REPORT = "reports/q1.txt";
    private static final String SECRET = "reports/salaries.txt";

    @Mixin
    DemoCommand.TargetOptions targetOptions;

    /** Everything this run created, undone in reverse order in finally. */
    private final Demo.Cleanup cleanup = new Demo.Cleanup();

    public static void main(String[] args) {
        DemoCommand.main(new bucket_policy(), args);
    }

    @Override
    public Integer call() throws Exception {
        Demo.Target target = targetOptions.resolve();
        System.out.println(target.describe());
        // IAM is global: its client has no create(); the builder takes the default region's partition.
        try (S3Client s3 = S3Client.create();
             IamClient iam = IamClient.builder().build()) {
            try {
                run(target, s3, iam);
            } finally {
                cleanup.run();
            }
        }
        return 0;
    }

    private void run(Demo.Target target, S3Client s3, IamClient iam) throws Exception {
        String bucket = Demo.uniqueName("course-bucket-policy");
        String bucketArn = "arn:aws:s3:::" + bucket;

        Demo.step("A bucket with two objects, owned by you");
        S3Demo.createBucket(s3, bucket);
        cleanup.add("bucket " + bucket, () -> s3.deleteBucket(r -> r.bucket(bucket)));
        cleanup.add("objects in " + bucket, () -> S3Demo.deleteObjects(s3, bucket));
        s3.putObject(r -> r.bucket(bucket).key(REPORT), RequestBody.fromString("Q1 revenue: 42"));
        s3.putObject(r -> r.bucket(bucket).key(SECRET), RequestBody.fromString("confidential"));
        Demo.show("Bucket", bucket);
        Demo.show("Objects", REPORT + ", " + SECRET);

        Demo.step("A second principal: an IAM user with no policy of its own");
        String userName = Demo.uniqueName("course-reader");
        String userArn = iam.createUser(r -> r.userName(userName)).user().arn();
        cleanup.add("user " + userName, () -> iam.deleteUser(r -> r.userName(userName)));
        AccessKey key = iam.createAccessKey(r -> r.userName(userName)).accessKey();
        cleanup.add("access key " + key.accessKeyId(), () -> iam.deleteAccessKey(r -> r.userName(userName).accessKeyId(key.accessKeyId())));
        Demo.show("User", userArn);
        Demo.show("Its access key", key.accessKeyId() + " (secret " + Demo.mask(key.secretAccessKey()) + ")");
        try (S3Client reader = S3Client.builder().credentialsProvider(StaticCredentialsProvider.create(
                AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()))).build()) {
            Demo.say("It reads " + REPORT + ":");
            // On AWS a new key needs a few seconds before S3 knows it.
            attempt(() -> Demo.whilePropagating(() -> reader.getObjectAsBytes(r -> r.bucket(bucket).key(REPORT)).asUtf8String(),
                    "InvalidAccessKeyId"));
            Demo.say("Denied by default: neither an identity policy nor the bucket policy allows it.");

            Demo.step("A bucket policy that grants the user s3:GetObject on reports/*");
            IamStatement allowRead = IamStatement.builder().sid("ReaderMayRead").effect(IamEffect.ALLOW)
                    .addPrincipal(IamPrincipal.create("AWS", userArn))
                    .addAction("s3:GetObject").addResource(bucketArn + "/reports/*").build();
            putPolicy(s3, bucket, IamPolicy.builder().addStatement(allowRead).build());
            Demo.say("It reads " + REPORT + ":");
            attempt(() -> Demo.whilePropagating(() -> reader.getObjectAsBytes(r -> r.bucket(bucket).key(REPORT)).asUtf8String(),
                    "AccessDenied"));

            Demo.step("An explicit Deny beats any Allow: the salaries stay private");
            IamStatement denySecret = IamStatement.builder().sid("NobodyReadsSalaries").effect(IamEffect.DENY)
                    .addPrincipal(IamPrincipal.create("AWS", userArn))
                    .addAction("s3:GetObject").addResource(bucketArn + "/" + SECRET).build();
            putPolicy(s3, bucket, IamPolicy.builder().addStatement(allowRead).addStatement(denySecret).build());
            Demo.say("It reads " + SECRET + " (the Allow on reports/* matches too):");
            attempt(() -> reader.getObjectAsBytes(r -> r.bucket(bucket).key(SECRET)).asUtf8String());

            Demo.step("A condition: deny reads from outside 203.0.113.0/24 (aws:SourceIp)");
            IamStatement onlyFromOffice = IamStatement.builder().sid("OnlyFromTheOffice").effect(IamEffect.DENY)
                    .addPrincipal(IamPrincipal.ALL).addAction("s3:GetObject").addResource(bucketArn + "/reports/*")
                    .addCondition(IamConditionOperator.NOT_IP_ADDRESS, "aws:SourceIp", "203.0.113.0/24").build();
            putPolicy(s3, bucket, IamPolicy.builder().addStatement(allowRead).addStatement(onlyFromOffice).build());
            Demo.say("Your address is not in 203.0.113.0/24 (a documentation range), so it reads " + REPORT + ":");
            attempt(() -> reader.getObjectAsBytes(r -> r.bucket(bucket).key(REPORT)).asUtf8String());
            Demo.say("The Deny names every principal, so the bucket owner is kept out too:");
            attempt(() -> s3.getObjectAsBytes(r -> r.bucket(bucket).key(REPORT)).asUtf8String());
            s3.deleteBucketPolicy(r -> r.bucket(bucket));
            Demo.say("(policy deleted)");
        }

        Demo.step("A public policy: Principal \"*\" may read reports/*");
        IamPolicy publicRead = IamPolicy.builder().addStatement(IamStatement.builder().sid("PublicRead").effect(IamEffect.ALLOW)
                .addPrincipal(IamPrincipal.ALL).addAction("s3:GetObject").addResource(bucketArn + "/reports/*").build()).build();
        Demo.say("Block Public Access is on for every new bucket, so PutBucketPolicy is refused:");
        attempt(() -> {
            s3.putBucketPolicy(r -> r.bucket(bucket).policy(publicRead.toJson()));
            return "policy stored";
        });

        Demo.step("Turn Block Public Access off for this bucket, then put the public policy");
        s3.deletePublicAccessBlock(r -> r.bucket(bucket));
        Demo.say("DeletePublicAccessBlock: done. PutBucketPolicy:");
        boolean stored = attempt(() -> {
            s3.putBucketPolicy(r -> r.bucket(bucket).policy(publicRead.toJson()));
            return "policy stored";
        });
        if (!stored) {
            Demo.say("Still refused: your account's own Block Public Access setting (S3 Control) wins over the bucket's.");
            return;
        }
        Demo.show("Policy is public", s3.getBucketPolicyStatus(r -> r.bucket(bucket)).policyStatus().isPublic());

        Demo.step("An anonymous GET: a plain HTTP client, no credentials, no signature");
        URI url = s3.utilities().getUrl(r -> r.bucket(bucket).key(REPORT)).toURI();
        Demo.show("URL", url);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
        Demo.show("Answer", anonymous.statusCode() + " · " + anonymous.body());
        // The bucket's own URL (a ListObjects request): the object's URL without the key.
        URI listing = URI.create(url.toString().substring(0, url.toString().length() - REPORT.length()));
        HttpResponse<String> list = http.send(HttpRequest.newBuilder(listing).build(), HttpResponse.BodyHandlers.ofString());
        Demo.show("Listing the bucket", list.statusCode() + " " + errorCode(list.body()) + " (the policy grants s3:GetObject, not s3:ListBucket)");
    }

    /** Runs a call and prints its answer, or the denial with S3's reason; true when it succeeded. */
    private static boolean attempt(Supplier<String> call) {
        try {
            Demo.show("Allowed", call.get());
            return true;
        } catch (AwsServiceException e) {
            Demo.show("Denied", e.statusCode() + " " + e.awsErrorDetails().errorCode());
            Demo.show("Reason", e.awsErrorDetails().errorMessage());
            return false;
        }
    }

    /** Puts the policy and prints one line per statement: effect, principal, action, resource, condition. */
    private static void putPolicy(S3Client s3, String bucket, IamPolicy policy) {
        s3.putBucketPolicy(r -> r.bucket(bucket).policy(policy.toJson()));
        Demo.say("PutBucketPolicy:");
        for (IamStatement statement : policy.statements()) {
            String principal = statement.principals().stream()
                    .map(p -> p.id().equals("*") ? "everyone" : p.id().substring(p.id().lastIndexOf(':') + 1)).toList().toString();
            String resources = statement.resources().stream().map(r -> r.value().substring(r.value().indexOf('/') + 1)).toList().toString();
            String conditions = statement.conditions().stream().map(c -> " if " + c.operator().value() + " " + c.key().value() + " " + c.value())
                    .reduce("", String::concat);
            Demo.say(String.format("  %-20s %-5s %s %s on %s%s", statement.sid(), statement.effect().value(), principal,
                    statement.actions().get(0).value(), resources, conditions));
        }
    }

    private static String errorCode(String body) {
        int start = body.indexOf("<Code>");
        int end = body.indexOf("</Code>");
        return start < 0 || end < 0 ? "" : body.substring(start + 6, end);
    }
}
