package course.sandbox.s3.protocol;

import course.sandbox.service.ServiceException;
import course.sandbox.s3.S3Errors;

import course.sandbox.iam.policy.Effect;
import course.sandbox.iam.policy.MalformedPolicyException;
import course.sandbox.iam.policy.PolicyDocument;
import course.sandbox.iam.policy.PolicyKind;
import course.sandbox.iam.policy.ResourcePolicy;
import course.sandbox.iam.policy.Statement;
import course.sandbox.s3.S3Store;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bucket policies between the store (which keeps their text) and the policy engine (which
 * evaluates them): validated on PutBucketPolicy by the engine's own parser, parsed once per
 * text, attached to permissions with the sandbox's account as the bucket owner.
 */
final class BucketPolicies {
    private static final String S3_ARN_PREFIX = "arn:aws:s3:::";

    private final S3Store store;
    private final String ownerAccount;
    private final Map<String, PolicyDocument> parsed = new ConcurrentHashMap<>();

    BucketPolicies(S3Store store, String ownerAccount) {
        this.store = store;
        this.ownerAccount = ownerAccount;
    }

    /** The bucket's policy ready for the engine; empty when the bucket or its policy does not exist. */
    Optional<ResourcePolicy> of(String bucket) {
        if (bucket == null) {
            return Optional.empty();
        }
        String json;
        try {
            json = store.getBucketPolicy(bucket);
        } catch (ServiceException noBucketOrNoPolicy) {
            return Optional.empty();
        }
        PolicyDocument document = parsed.computeIfAbsent(json, text -> PolicyDocument.parse(text, PolicyKind.RESOURCE));
        return Optional.of(new ResourcePolicy(S3_ARN_PREFIX + bucket, ownerAccount, document));
    }

    /**
     * What PutBucketPolicy checks before storing: the engine's parser (JSON, principals, actions,
     * conditions) and that every Resource is this bucket or an object in it.
     */
    void validate(String bucket, String json) {
        PolicyDocument document;
        try {
            document = PolicyDocument.parse(json, PolicyKind.RESOURCE);
        } catch (MalformedPolicyException e) {
            throw S3Errors.malformedPolicy(e.getMessage(), "/" + bucket);
        }
        for (Statement statement : document.statements()) {
            for (String resource : statement.resources()) {
                if (!coversOnlyThisBucket(resource, bucket)) {
                    throw S3Errors.malformedPolicy("Policy has invalid resource", "/" + bucket);
                }
            }
        }
    }

    private static boolean coversOnlyThisBucket(String resource, String bucket) {
        if (!resource.startsWith(S3_ARN_PREFIX + bucket)) {
            return false;
        }
        String rest = resource.substring(S3_ARN_PREFIX.length() + bucket.length());
        return rest.isEmpty() || rest.startsWith("/") || rest.startsWith("*") || rest.startsWith("?");
    }

    /** GetBucketPolicyStatus: public when a statement allows everyone without any condition. */
    boolean isPublic(String json) {
        PolicyDocument document = parsed.computeIfAbsent(json, text -> PolicyDocument.parse(text, PolicyKind.RESOURCE));
        return document.statements().stream().anyMatch(statement -> statement.effect() == Effect.ALLOW
                && !statement.notPrincipal()
                && statement.principal() != null
                && (statement.principal().anyone() || statement.principal().values("AWS").contains("*"))
                && statement.conditions().isEmpty());
    }
}
