///usr/bin/env jbang "$0" "$@" ; exit $?
//DEPS software.amazon.awssdk:s3
//DEPS software.amazon.awssdk:s3control
//DEPS software.amazon.awssdk:iam
//DEPS software.amazon.awssdk:iam-policy-builder
//SOURCES ../lib/DemoCommand.java
//SOURCES ../lib/S3Demo.java
//SOURCES ../lib/LocalEndpoints.java

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
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
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.model.CreateAccessPointResponse;
import software.amazon.awssdk.services.s3control.model.GetAccessPointResponse;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

@Command(name = "access-points", mixinStandardHelpOptions = true,
        description = {"S3 access points: one bucket shared by two teams, each through its own access point with its own",
                "policy and prefix; the bucket policy delegating to access points; reads by ARN and by alias; a read",
                "through the wrong access point, denied with S3's reason."})
class access_points implements Callable<Integer> {

    @Mixin
    DemoCommand.TargetOptions targetOptions;

    /** Everything this run created, undone in reverse order in finally. */
    private final Demo.Cleanup cleanup = new Demo.Cleanup();

    public static void main(String[] args) {
        DemoCommand.main(new access_points(), args);
    }

    /** One team: its user, its credentials and its access point. */
    record Team(String prefix, String userArn, AwsCredentialsProvider credentials, String accessPoint, String arn, String alias) {
    }

    @Override
    public Integer call() throws Exception {
        Demo.Target target = targetOptions.resolve();
        System.out.println(target.describe());
        // IAM is global: its client has no create(); the builder takes the default region's partition.
        try (S3Client s3 = S3Client.create();
             S3ControlClient control = LocalEndpoints.s3ControlClient();
             IamClient iam = IamClient.builder().build()) {
            try {
                run(target, s3, control, iam);
            } finally {
                cleanup.run();
            }
        }
        return 0;
    }

    private void run(Demo.Target target, S3Client s3, S3ControlClient control, IamClient iam) {
        String account = target.account();
        String bucket = Demo.uniqueName("course-access-points");

        Demo.step("One bucket, two teams' data");
        S3Demo.createBucket(s3, bucket);
        cleanup.add("bucket " + bucket, () -> s3.deleteBucket(r -> r.bucket(bucket)));
        cleanup.add("objects in " + bucket, () -> S3Demo.deleteObjects(s3, bucket));
        s3.putObject(r -> r.bucket(bucket).key("team-a/forecast.csv"), RequestBody.fromString("region,units\nnorth,120"));
        s3.putObject(r -> r.bucket(bucket).key("team-b/roadmap.md"), RequestBody.fromString("# Q3: ship the app"));
        Demo.show("Bucket", bucket);
        Demo.show("Objects", "team-a/forecast.csv, team-b/roadmap.md");

        Demo.step("The bucket policy delegates access control to the account's access points");
        IamPolicy delegate = IamPolicy.builder().addStatement(IamStatement.builder().sid("DelegateToAccessPoints")
                .effect(IamEffect.ALLOW).addPrincipal(IamPrincipal.ALL).addAction("*")
                .addResource("arn:aws:s3:::" + bucket).addResource("arn:aws:s3:::" + bucket + "/*")
                .addCondition(IamConditionOperator.STRING_EQUALS, "s3:DataAccessPointAccount", account).build()).build();
        s3.putBucketPolicy(r -> r.bucket(bucket).policy(delegate.toJson()));
        Demo.say("Allow everything to everyone, if s3:DataAccessPointAccount is " + account + ":");
        Demo.say("only requests through this account's access points pass the bucket; each access point's policy decides.");
        Demo.show("Public", s3.getBucketPolicyStatus(r -> r.bucket(bucket)).policyStatus().isPublic()
                + " (the condition pins it to the account)");

        Demo.step("Two users, one per team, with no policy of their own");
        Team teamA = team(target, iam, control, bucket, "a");
        Team teamB = team(target, iam, control, bucket, "b");

        Demo.step("Reads through each team's access point");
        // Access point ARNs and aliases where a bucket name goes: LocalEndpoints' client reaches them on the sandbox too.
        try (S3Client analystA = LocalEndpoints.s3Client(teamA.credentials()); S3Client analystB = LocalEndpoints.s3Client(teamB.credentials())) {
            Demo.say("analyst-a GETs team-a/forecast.csv with the access point's ARN as the bucket:");
            // On AWS new keys and policies need seconds to reach S3: retried while they have not.
            attempt(() -> Demo.whilePropagating(() -> firstLine(analystA.getObjectAsBytes(r -> r.bucket(teamA.arn())
                    .key("team-a/forecast.csv")).asUtf8String()), "InvalidAccessKeyId", "AccessDenied"));
            Demo.say("analyst-a GETs it with the alias, where a bucket name goes:");
            attempt(() -> firstLine(analystA.getObjectAsBytes(r -> r.bucket(teamA.alias()).key("team-a/forecast.csv")).asUtf8String()));
            Demo.say("analyst-b GETs team-b/roadmap.md by its access point's alias:");
            attempt(() -> Demo.whilePropagating(() -> analystB.getObjectAsBytes(r -> r.bucket(teamB.alias())
                    .key("team-b/roadmap.md")).asUtf8String(), "InvalidAccessKeyId", "AccessDenied"));
            Demo.say("analyst-b lists its prefix through its access point:");
            attempt(() -> analystB.listObjectsV2(r -> r.bucket(teamB.alias()).prefix("team-b/")).contents().stream()
                    .map(o -> o.key()).toList().toString());

            Demo.step("The wrong door: analyst-b through team-a's access point");
            Demo.say("analyst-b GETs team-a/forecast.csv through " + teamA.accessPoint() + ":");
            attempt(() -> analystB.getObjectAsBytes(r -> r.bucket(teamA.arn()).key("team-a/forecast.csv")).asUtf8String());
            Demo.say("Decided on the access point's own resource (ARN/object/KEY): team-a's policy names only analyst-a.");
            Demo.say("analyst-a GETs team-b/roadmap.md through its own access point:");
            attempt(() -> analystA.getObjectAsBytes(r -> r.bucket(teamA.arn()).key("team-b/roadmap.md")).asUtf8String());
            Demo.say("Its policy covers team-a/* only. And by the bucket's name, skipping access points:");
            attempt(() -> analystA.getObjectAsBytes(r -> r.bucket(bucket).key("team-a/forecast.csv")).asUtf8String());
            Demo.say("Denied on the bucket itself: the bucket policy lets in access point requests only.");
        }
    }

    /** A user for the team, and an access point whose policy lets that user read and write team-X/*. */
    private Team team(Demo.Target target, IamClient iam, S3ControlClient control, String bucket, String team) {
        String account = target.account();
        String userName = Demo.uniqueName("course-analyst-" + team);
        String userArn = iam.createUser(r -> r.userName(userName)).user().arn();
        cleanup.add("user " + userName, () -> iam.deleteUser(r -> r.userName(userName)));
        AccessKey key = iam.createAccessKey(r -> r.userName(userName)).accessKey();
        cleanup.add("access key " + key.accessKeyId(), () -> iam.deleteAccessKey(r -> r.userName(userName).accessKeyId(key.accessKeyId())));

        String name = Demo.uniqueName("team-" + team);
        CreateAccessPointResponse created = control.createAccessPoint(r -> r.accountId(account).name(name).bucket(bucket));
        cleanup.add("access point " + name, () -> control.deleteAccessPoint(r -> r.accountId(account).name(name)));
        GetAccessPointResponse accessPoint = control.getAccessPoint(r -> r.accountId(account).name(name));
        IamPolicy policy = IamPolicy.builder().addStatement(IamStatement.builder().sid("Team" + team.toUpperCase() + "Objects")
                .effect(IamEffect.ALLOW).addPrincipal(IamPrincipal.create("AWS", userArn))
                .addAction("s3:GetObject").addAction("s3:PutObject")
                .addResource(created.accessPointArn() + "/object/team-" + team + "/*").build())
                .addStatement(IamStatement.builder().sid("Team" + team.toUpperCase() + "List").effect(IamEffect.ALLOW)
                        .addPrincipal(IamPrincipal.create("AWS", userArn)).addAction("s3:ListBucket")
                        .addResource(created.accessPointArn())
                        .addCondition(IamConditionOperator.STRING_LIKE, "s3:prefix", "team-" + team + "/*").build())
                .build();
        control.putAccessPointPolicy(r -> r.accountId(account).name(name).policy(policy.toJson()));

        Demo.show("User " + team, userArn);
        Demo.show("  access point", created.accessPointArn());
        Demo.show("  alias", created.alias());
        Demo.show("  network origin", accessPoint.networkOriginAsString() + ", Block Public Access "
                + (accessPoint.publicAccessBlockConfiguration().blockPublicPolicy() ? "on" : "off"));
        Demo.show("  policy", "analyst-" + team + " may GetObject/PutObject on " + name + "/object/team-" + team + "/*"
                + " and ListBucket with s3:prefix team-" + team + "/*");
        return new Team("team-" + team, userArn, StaticCredentialsProvider.create(
                AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())), name, created.accessPointArn(), created.alias());
    }

    /** Runs a call and prints its answer, or the denial with S3's reason. */
    private static void attempt(Supplier<String> call) {
        try {
            Demo.show("Allowed", call.get());
        } catch (AwsServiceException e) {
            Demo.show("Denied", e.statusCode() + " " + e.awsErrorDetails().errorCode());
            Demo.show("Reason", e.awsErrorDetails().errorMessage());
        }
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline) + " …";
    }
}
