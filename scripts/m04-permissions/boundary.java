///usr/bin/env jbang "$0" "$@" ; exit $?
//DEPS software.amazon.awssdk:iam
//DEPS software.amazon.awssdk:iam-policy-builder
//DEPS software.amazon.awssdk:s3
//DEPS software.amazon.awssdk:sts
//SOURCES ../lib/DemoCommand.java
//SOURCES ../lib/S3Demo.java

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sts.StsClient;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "boundary", mixinStandardHelpOptions = true,
        description = {"A permissions boundary: a user whose identity policy allows all of S3, capped by a boundary that",
                "allows reading one bucket and explicitly denies its secret/ prefix. Every step also prints the AWS CLI",
                "command that does the same, to replay in a terminal."})
class boundary implements Callable<Integer> {
    private static final String REPORT = "reports/q1.csv";
    private static final String SECRET = "secret/salaries.csv";

    @Mixin
    DemoCommand.TargetOptions targetOptions;

    /** Everything this run created, deleted in reverse order in finally. */
    private final Demo.Cleanup cleanup = new Demo.Cleanup();
    private Demo.Target target;

    public static void main(String[] args) {
        DemoCommand.main(new boundary(), args);
    }

    @Override
    public Integer call() {
        target = targetOptions.resolve();
        System.out.println(target.describe());
        Demo.say("AWS CLI lines use the same account, region and credentials ("
                + target.credentials().provider().resolveCredentials().accessKeyId() + ") as this demo"
                + (target.endpoint() == null ? "." : "; --endpoint-url points them at " + target.endpoint() + "."));
        // IAM is global: its client has no create(); the builder takes the default region's partition.
        try (IamClient iam = IamClient.builder().build();
             S3Client ownerS3 = S3Client.create();
             StsClient sts = StsClient.create()) {
            try {
                run(iam, ownerS3, sts);
            } finally {
                cleanup.run();
            }
        }
        return 0;
    }

    private void run(IamClient iam, S3Client ownerS3, StsClient sts) {
        String bucket = Demo.uniqueName("course-boundary");
        String userName = Demo.uniqueName("course-boundary-user");
        String boundaryName = Demo.uniqueName("course-read-reports-boundary");

        Demo.step("Who is calling?");
        cli("sts get-caller-identity");
        Demo.show("Caller", sts.getCallerIdentity().arn());

        Demo.step("A bucket with a report and a secret");
        cli("s3api create-bucket --bucket " + bucket + locationFlag());
        S3Demo.createBucket(ownerS3, bucket);
        cleanup.add("bucket " + bucket, () -> ownerS3.deleteBucket(r -> r.bucket(bucket)));
        for (String key : List.of(REPORT, SECRET)) {
            cli("s3api put-object --bucket " + bucket + " --key " + key);
            ownerS3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString("region,revenue\nemea,42\n"));
            cleanup.add("object " + key, () -> ownerS3.deleteObject(r -> r.bucket(bucket).key(key)));
        }
        Demo.show("Objects", "s3://" + bucket + "/" + REPORT + ", s3://" + bucket + "/" + SECRET);

        Demo.step("A user whose identity policy allows everything in S3");
        String broad = IamPolicy.builder()
                .addStatement(s -> s.sid("AllOfS3").effect(IamEffect.ALLOW).addAction("s3:*").addResource("*"))
                .build().toJson();
        cli("iam create-user --user-name " + userName);
        String userArn = iam.createUser(r -> r.userName(userName)).user().arn();
        cleanup.add("user " + userName, () -> iam.deleteUser(r -> r.userName(userName)));
        cli("iam put-user-policy --user-name " + userName + " --policy-name all-of-s3 --policy-document '" + broad + "'");
        iam.putUserPolicy(r -> r.userName(userName).policyName("all-of-s3").policyDocument(broad));
        cleanup.add("inline policy all-of-s3", () -> iam.deleteUserPolicy(r -> r.userName(userName).policyName("all-of-s3")));
        Demo.show("User", userArn);
        Demo.show("Identity policy", broad);

        Demo.step("A permissions boundary: the most this user can ever do, whatever its policies say");
        String boundaryDocument = IamPolicy.builder()
                .addStatement(s -> s.sid("ReadTheBucket").effect(IamEffect.ALLOW).addAction("s3:ListBucket").addAction("s3:GetObject")
                        .addResource("arn:aws:s3:::" + bucket).addResource("arn:aws:s3:::" + bucket + "/*"))
                .addStatement(s -> s.sid("NeverTheSecrets").effect(IamEffect.DENY).addAction("s3:GetObject")
                        .addResource("arn:aws:s3:::" + bucket + "/secret/*"))
                .build().toJson();
        cli("iam create-policy --policy-name " + boundaryName + " --policy-document '" + boundaryDocument + "'");
        String boundaryArn = iam.createPolicy(r -> r.policyName(boundaryName).policyDocument(boundaryDocument)).policy().arn();
        cleanup.add("policy " + boundaryArn, () -> iam.deletePolicy(r -> r.policyArn(boundaryArn)));
        cli("iam put-user-permissions-boundary --user-name " + userName + " --permissions-boundary " + boundaryArn);
        iam.putUserPermissionsBoundary(r -> r.userName(userName).permissionsBoundary(boundaryArn));
        cleanup.add("the user's permissions boundary", () -> iam.deleteUserPermissionsBoundary(r -> r.userName(userName)));
        Demo.show("Boundary", boundaryArn);
        Demo.show("Boundary policy", boundaryDocument);
        Demo.say("A boundary grants nothing by itself: an action needs an allow in both, and no deny in either.");

        Demo.step("Access keys for the user");
        Demo.say("$ read -r KEY SECRET_KEY < <(aws iam create-access-key --user-name " + userName
                + " --query 'AccessKey.[AccessKeyId,SecretAccessKey]' --output text" + endpointFlag() + ")");
        AccessKey key = iam.createAccessKey(r -> r.userName(userName)).accessKey();
        cleanup.add("access key " + key.accessKeyId(), () -> iam.deleteAccessKey(r -> r.userName(userName).accessKeyId(key.accessKeyId())));
        Demo.show("Access key", key.accessKeyId() + " (secret " + Demo.mask(key.secretAccessKey()) + ")");
        Demo.say("Below, 'as the user' means: AWS_ACCESS_KEY_ID=$KEY AWS_SECRET_ACCESS_KEY=$SECRET_KEY aws …");

        try (S3Client userS3 = S3Client.builder().credentialsProvider(StaticCredentialsProvider.create(
                AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()))).build()) {
            Demo.step("Both allow: list the bucket and read the report");
            cliAsUser("s3api list-objects-v2 --bucket " + bucket);
            List<String> keys = Demo.whilePropagating(() -> userS3.listObjectsV2(r -> r.bucket(bucket)), "AccessDenied", "InvalidAccessKeyId").contents().stream().map(S3Object::key).toList();
            Demo.show("ListObjectsV2", keys);
            cliAsUser("s3api get-object --bucket " + bucket + " --key " + REPORT + " /dev/stdout");
            Demo.show("GetObject", userS3.getObjectAsBytes(r -> r.bucket(bucket).key(REPORT)).asUtf8String().lines().findFirst().orElse("") + " …");

            Demo.step("Only the identity policy allows: write an object");
            cliAsUser("s3api put-object --bucket " + bucket + " --key reports/q2.csv");
            showDenied(() -> userS3.putObject(r -> r.bucket(bucket).key("reports/q2.csv"), RequestBody.fromString("q2")));

            Demo.step("An explicit deny in the boundary: read a secret, which both policies otherwise allow");
            cliAsUser("s3api get-object --bucket " + bucket + " --key " + SECRET + " /dev/stdout");
            showDenied(() -> userS3.getObjectAsBytes(r -> r.bucket(bucket).key(SECRET)));
        }

        Demo.step("The policy simulator's view of the same four requests");
        String objects = "arn:aws:s3:::" + bucket + "/";
        cli("iam simulate-principal-policy --policy-source-arn " + userArn
                + " --action-names s3:GetObject s3:PutObject --resource-arns " + objects + REPORT + " " + objects + SECRET);
        System.out.printf("   %-14s %-34s %-13s %s%n", "action", "resource", "decision", "allowed by boundary");
        simulate(iam, userArn, "s3:ListBucket", "arn:aws:s3:::" + bucket);
        simulate(iam, userArn, "s3:GetObject", objects + REPORT);
        simulate(iam, userArn, "s3:PutObject", objects + "reports/q2.csv");
        simulate(iam, userArn, "s3:GetObject", objects + SECRET);
    }

    private void simulate(IamClient iam, String userArn, String action, String resource) {
        EvaluationResult result = iam.simulatePrincipalPolicy(r -> r.policySourceArn(userArn)
                .actionNames(action).resourceArns(resource)).evaluationResults().get(0);
        String boundaryVerdict = result.permissionsBoundaryDecisionDetail() == null
                || result.permissionsBoundaryDecisionDetail().allowedByPermissionsBoundary() == null ? "-"
                : result.permissionsBoundaryDecisionDetail().allowedByPermissionsBoundary() ? "yes" : "no";
        String shortResource = resource.substring(resource.indexOf(":::") + 3).replaceFirst("^[^/]*", "<bucket>");
        System.out.printf("   %-14s %-34s %-13s %s%n", action, shortResource, result.evalDecisionAsString(), boundaryVerdict);
    }

    /** Prints the AWS CLI command for a step, aimed at the same endpoint as the demo. */
    private void cli(String command) {
        Demo.say("$ aws " + command + endpointFlag());
    }

    private void cliAsUser(String command) {
        Demo.say("$ AWS_ACCESS_KEY_ID=$KEY AWS_SECRET_ACCESS_KEY=$SECRET_KEY aws " + command + endpointFlag());
    }

    /** The Debian AWS CLI (2.9) ignores AWS_ENDPOINT_URL, so a local target goes on every line. */
    private String endpointFlag() {
        return target.endpoint() == null ? "" : " --endpoint-url " + target.endpoint();
    }

    private String locationFlag() {
        return target.region().equals(Region.US_EAST_1) ? ""
                : " --create-bucket-configuration LocationConstraint=" + target.region().id();
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
}
