package course.sandbox.s3;

import java.time.Instant;
import java.util.Optional;

/**
 * An S3 access point: a named way into one bucket with its own policy, network origin and Block
 * Public Access settings. S3 Control creates and configures it; S3 serves data through it, by
 * its ARN (its own host name) or by its alias (wherever a bucket name goes).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points.html
 *
 * @param vpcId  the VPC a VPC-only access point accepts requests from; null for an Internet one
 * @param policy the access point policy's JSON, or null when it has none
 */
public record AccessPoint(String name, String account, String region, String bucket, String vpcId,
                          PublicAccessBlock publicAccessBlock, String alias, Instant creationDate, String policy) {

    /** arn:aws:s3:REGION:ACCOUNT:accesspoint/NAME */
    public String arn() {
        return "arn:aws:s3:" + region + ":" + account + ":accesspoint/" + name;
    }

    /** The resource an object request through the access point is decided on: {@code ARN/object/KEY}. */
    public String objectArn(String key) {
        return arn() + "/object/" + key;
    }

    /** Internet, or VPC for an access point bound to a VPC. */
    public String networkOrigin() {
        return vpcId == null ? "Internet" : "VPC";
    }

    /** The virtual-hosted name AWS gives the access point: {@code NAME-ACCOUNT.s3-accesspoint.REGION.amazonaws.com}. */
    public String host() {
        return name + "-" + account + ".s3-accesspoint." + region + ".amazonaws.com";
    }

    public Optional<String> policyDocument() {
        return Optional.ofNullable(policy);
    }

    public AccessPoint withPolicy(String json) {
        return new AccessPoint(name, account, region, bucket, vpcId, publicAccessBlock, alias, creationDate, json);
    }
}
