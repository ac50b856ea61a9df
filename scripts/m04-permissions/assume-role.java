///usr/bin/env jbang "$0" "$@" ; exit $?
//DEPS software.amazon.awssdk:sts
//DEPS software.amazon.awssdk:iam
//DEPS software.amazon.awssdk:iam-policy-builder
//DEPS software.amazon.awssdk:s3
//SOURCES ../lib/DemoCommand.java
//SOURCES ../lib/S3Demo.java

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.policybuilder.iam.IamPrincipalType;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "assume-role", mixinStandardHelpOptions = true,
        description = {"STS AssumeRole: a role with a trust policy and a narrow permissions policy, temporary credentials,",
                "what they may and may not do, a session policy that narrows them further, and the provider that refreshes them."})
class assume_role implements Callable<Integer> {
    private static final String SESSION_NAME = "course-demo";
    private static final String OBJECT_KEY = "reports/q1.csv";

    @Mixin
    DemoCommand.TargetOptions targetOptions;

    /** Everything this run created, deleted in reverse order in finally. */
    private final Demo.Cleanup cleanup = new Demo.Cleanup();

    public static void main(String[] args) {
        DemoCommand.main(new assume_role(), args);
    }

    @Override
    public Integer call() {
        Demo.Target target = targetOptions.resolve();
        System.out.println(target.describe());
        // IAM is global: its client has no create(); the builder takes the default region's partition.
        try (IamClient iam = IamClient.builder().build();
             S3Client ownerS3 = S3Client.create();
             StsClient ownerSts = StsClient.create()) {
            try {
                run(target, iam, ownerS3, ownerSts);
            } finally {
                cleanup.run();
            }
        }
        return 0;
    }

    private void run(Demo.Target target, IamClient iam, S3Client ownerS3, StsClient ownerSts) {
        String bucket = Demo.uniqueName("course-assume-role");
        String roleName = Demo.uniqueName("course-reader-role");
        String roleArn = "arn:aws:iam::" + target.account() + ":role/" + roleName;

        Demo.step("Who is calling?");
        String callerArn = ownerSts.getCallerIdentity().arn();
        Demo.show("Caller", callerArn);
        AwsCredentialsProvider caller = target.credentials().provider();
        if (callerArn.endsWith(":root")) {
            Demo.say("AWS refuses AssumeRole from the account root, so a short-lived IAM user will be the caller.");
            String userName = Demo.uniqueName("course-caller");
            callerArn = iam.createUser(r -> r.userName(userName)).user().arn();
            cleanup.add("user " + userName, () -> iam.deleteUser(r -> r.userName(userName)));
            IamPolicy allowAssume = IamPolicy.builder()
                    .addStatement(s -> s.sid("MayAssumeTheReaderRole").effect(IamEffect.ALLOW).addAction("sts:AssumeRole").addResource(roleArn))
                    .build();
            iam.putUserPolicy(r -> r.userName(userName).policyName("assume-reader-role").policyDocument(allowAssume.toJson()));
            cleanup.add("inline policy assume-reader-role", () -> iam.deleteUserPolicy(r -> r.userName(userName).policyName("assume-reader-role")));
            AccessKey key = iam.createAccessKey(r -> r.userName(userName)).accessKey();
            cleanup.add("access key " + key.accessKeyId(), () -> iam.deleteAccessKey(r -> r.userName(userName).accessKeyId(key.accessKeyId())));
            caller = StaticCredentialsProvider.create(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()));
            Demo.show("Caller now", callerArn);
            Demo.show("Its access key", key.accessKeyId() + " (secret " + Demo.mask(key.secretAccessKey()) + ")");
        }

        Demo.step("Create the role: who may assume it (trust policy), what it may do (permissions policy)");
        String finalCallerArn = callerArn;
        IamPolicy trust = IamPolicy.builder()
                .addStatement(s -> s.effect(IamEffect.ALLOW).addPrincipal(IamPrincipalType.AWS, finalCallerArn).addAction("sts:AssumeRole"))
                .build();
        iam.createRole(r -> r.roleName(roleName).assumeRolePolicyDocument(trust.toJson()).maxSessionDuration(3600));
        cleanup.add("role " + roleName, () -> iam.deleteRole(r -> r.roleName(roleName)));
        IamPolicy readBucket = IamPolicy.builder()
                .addStatement(s -> s.sid("ListTheBucket").effect(IamEffect.ALLOW).addAction("s3:ListBucket").addResource("arn:aws:s3:::" + bucket))
                .addStatement(s -> s.sid("ReadItsObjects").effect(IamEffect.ALLOW).addAction("s3:GetObject").addResource("arn:aws:s3:::" + bucket + "/*"))
                .build();
        iam.putRolePolicy(r -> r.roleName(roleName).policyName("read-one-bucket").policyDocument(readBucket.toJson()));
        cleanup.add("the role's policy read-one-bucket", () -> iam.deleteRolePolicy(r -> r.roleName(roleName).policyName("read-one-bucket")));
        iam.waiter().waitUntilRoleExists(r -> r.roleName(roleName));
        Demo.show("Role", roleArn);
        Demo.show("Trusts", finalCallerArn);
        Demo.show("May", "s3:ListBucket, s3:GetObject on " + bucket + " only");

        try (StsClient callerSts = StsClient.builder().credentialsProvider(caller).build()) {
            Demo.step("AssumeRole: 900 seconds, session name " + SESSION_NAME);
            AssumeRoleResponse assumed = Demo.whilePropagating(() -> callerSts.assumeRole(r -> r.roleArn(roleArn)
                    .roleSessionName(SESSION_NAME).durationSeconds(900)), "AccessDenied", "InvalidClientTokenId", "InvalidAccessKeyId");
            Credentials session = assumed.credentials();
            Demo.show("AccessKeyId", session.accessKeyId() + "  (ASIA…: temporary)");
            Demo.show("SecretAccessKey", Demo.mask(session.secretAccessKey()));
            Demo.show("SessionToken", session.sessionToken().length() + " characters, sent as x-amz-security-token");
            Demo.show("Expiration", session.expiration() + " (in " + minutesUntil(session.expiration()) + " min)");
            AwsCredentialsProvider roleCredentials = StaticCredentialsProvider.create(AwsSessionCredentials.create(
                    session.accessKeyId(), session.secretAccessKey(), session.sessionToken()));

            Demo.step("GetCallerIdentity with the session credentials");
            try (StsClient roleSts = StsClient.builder().credentialsProvider(roleCredentials).build()) {
                Demo.show("Arn", roleSts.getCallerIdentity().arn());
            }

            Demo.step("A bucket with one object, for the role to read");
            S3Demo.createBucket(ownerS3, bucket);
            cleanup.add("bucket " + bucket, () -> ownerS3.deleteBucket(r -> r.bucket(bucket)));
            ownerS3.putObject(r -> r.bucket(bucket).key(OBJECT_KEY), RequestBody.fromString("region,revenue\nemea,42\n"));
            cleanup.add("object " + OBJECT_KEY, () -> ownerS3.deleteObject(r -> r.bucket(bucket).key(OBJECT_KEY)));
            Demo.show("Object", "s3://" + bucket + "/" + OBJECT_KEY);

            try (S3Client roleS3 = S3Client.builder().credentialsProvider(roleCredentials).build()) {
                Demo.step("Allowed: list the bucket and read the object");
                List<String> keys = Demo.whilePropagating(() -> roleS3.listObjectsV2(r -> r.bucket(bucket)), "AccessDenied", "InvalidClientTokenId", "InvalidAccessKeyId").contents().stream().map(S3Object::key).toList();
                Demo.show("ListObjectsV2", keys);
                Demo.show("GetObject", roleS3.getObjectAsBytes(r -> r.bucket(bucket).key(OBJECT_KEY)).asUtf8String().lines().findFirst().orElse("") + " …");

                Demo.step("Not allowed: write to the same bucket");
                showDenied(() -> roleS3.putObject(r -> r.bucket(bucket).key("reports/q2.csv"), RequestBody.fromString("nope")));
            }

            Demo.step("A session policy narrows the session further: ListBucket only");
            IamPolicy listOnly = IamPolicy.builder()
                    .addStatement(s -> s.sid("OnlyList").effect(IamEffect.ALLOW).addAction("s3:ListBucket").addResource("arn:aws:s3:::" + bucket))
                    .build();
            Credentials narrowed = Demo.whilePropagating(() -> callerSts.assumeRole(r -> r.roleArn(roleArn)
                    .roleSessionName(SESSION_NAME + "-narrow").durationSeconds(900).policy(listOnly.toJson())), "AccessDenied", "InvalidClientTokenId", "InvalidAccessKeyId").credentials();
            try (S3Client narrowS3 = S3Client.builder().credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                    narrowed.accessKeyId(), narrowed.secretAccessKey(), narrowed.sessionToken()))).build()) {
                Demo.show("ListObjectsV2", narrowS3.listObjectsV2(r -> r.bucket(bucket)).keyCount() + " key(s): still allowed");
                Demo.say("GetObject, which the role allows but the session policy does not:");
                showDenied(() -> narrowS3.getObjectAsBytes(r -> r.bucket(bucket).key(OBJECT_KEY)));
            }

            Demo.step("The idiomatic way: StsAssumeRoleCredentialsProvider assumes the role and refreshes by itself");
            try (StsAssumeRoleCredentialsProvider provider = StsAssumeRoleCredentialsProvider.builder()
                    .stsClient(callerSts)
                    .refreshRequest(r -> r.roleArn(roleArn).roleSessionName(SESSION_NAME + "-provider").durationSeconds(900))
                    .build();
                 S3Client providerS3 = S3Client.builder().credentialsProvider(provider).build()) {
                Demo.show("ListObjectsV2", providerS3.listObjectsV2(r -> r.bucket(bucket)).keyCount() + " key(s)");
                Demo.show("Credentials", provider.resolveCredentials().accessKeyId()
                        + ", renewed before they expire (prefetch " + provider.prefetchTime().toMinutes() + " min ahead)");
            }
        }
    }

    private static void showDenied(Runnable call) {
        try {
            call.run();
            throw new Demo.UserError("Expected AccessDenied, but the call succeeded.");
        } catch (AwsServiceException e) {
            Demo.show("Error", e.statusCode() + " " + e.awsErrorDetails().errorCode());
            Demo.show("Reason", e.awsErrorDetails().errorMessage());
        }
    }

    private static long minutesUntil(Instant time) {
        return Math.round(Duration.between(Instant.now(), time).toSeconds() / 60.0);
    }
}
