package course.sandbox.s3.protocol;

import course.sandbox.iam.policy.MalformedPolicyException;
import course.sandbox.iam.policy.PolicyDocument;
import course.sandbox.iam.policy.PolicyKind;
import course.sandbox.iam.policy.ResourcePolicy;
import course.sandbox.iam.policy.Statement;
import course.sandbox.s3.AccessPointDirectory;
import course.sandbox.s3.PublicAccessBlock;
import course.sandbox.s3.PublicPolicies;
import course.sandbox.s3.S3Errors;
import course.sandbox.s3.S3Store;
import course.sandbox.service.Caller;
import course.sandbox.service.ServiceException;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bucket policies between the store (which keeps their text) and the policy engine (which
 * evaluates them): validated on PutBucketPolicy by the engine's own parser, parsed once per
 * text, attached to permissions with the sandbox's account as the bucket owner, and held to
 * the bucket's Block Public Access settings.
 */
final class BucketPolicies {
    private static final String S3_ARN_PREFIX = "arn:aws:s3:::";
    private final S3Store store;
    private final String ownerAccount;
    private final AccessPointDirectory accounts;
    private final Map<String, PolicyDocument> parsed = new ConcurrentHashMap<>();

    /** @param accounts where the account-level Block Public Access is kept (S3 Control) */
    BucketPolicies(S3Store store, String ownerAccount, AccessPointDirectory accounts) {
        this.store = store;
        this.ownerAccount = ownerAccount;
        this.accounts = accounts;
    }

    /** The bucket's settings and its account's together: either one blocking blocks. */
    private PublicAccessBlock effectiveBlock(String bucket) {
        PublicAccessBlock own = store.configuration(bucket).effectivePublicAccessBlock();
        PublicAccessBlock account = accounts.accountPublicAccessBlock(ownerAccount);
        return new PublicAccessBlock(own.blockPublicAcls() || account.blockPublicAcls(),
                own.ignorePublicAcls() || account.ignorePublicAcls(), own.blockPublicPolicy() || account.blockPublicPolicy(),
                own.restrictPublicBuckets() || account.restrictPublicBuckets());
    }

    /**
     * The bucket's policy ready for the engine, as it applies to {@code caller}: empty when the
     * bucket or its policy does not exist, and for callers outside the owner's account while
     * RestrictPublicBuckets is on and the policy is public.
     */
    Optional<ResourcePolicy> of(String bucket, Caller caller) {
        if (bucket == null) {
            return Optional.empty();
        }
        String json;
        PublicAccessBlock block;
        try {
            json = store.getBucketPolicy(bucket);
            block = effectiveBlock(bucket);
        } catch (ServiceException noBucketOrNoPolicy) {
            return Optional.empty();
        }
        PolicyDocument document = document(json);
        boolean insideAccount = caller.credential()
                .map(credential -> credential.principal().accountId().equals(ownerAccount)).orElse(false);
        if (block.restrictPublicBuckets() && !insideAccount && isPublic(document)) {
            return Optional.empty();
        }
        return Optional.of(new ResourcePolicy(S3_ARN_PREFIX + bucket, ownerAccount, document));
    }

    /**
     * What PutBucketPolicy checks before storing: the engine's parser (JSON, principals,
     * conditions), that every action is an S3 action, that every Resource is this bucket or an
     * object in it, and that a public policy is not blocked by BlockPublicPolicy.
     */
    void validate(String bucket, String json, Caller caller) {
        PolicyDocument document;
        try {
            document = PolicyDocument.parse(json, PolicyKind.RESOURCE);
        } catch (MalformedPolicyException e) {
            throw S3Errors.malformedPolicy(e.getMessage(), "/" + bucket);
        }
        for (Statement statement : document.statements()) {
            for (String action : statement.actions()) {
                if (!S3PolicyActions.isValid(action)) {
                    throw S3Errors.malformedPolicy("Policy has invalid action", "/" + bucket);
                }
            }
            for (String resource : statement.resources()) {
                if (!coversOnlyThisBucket(resource, bucket)) {
                    throw S3Errors.malformedPolicy("Policy has invalid resource", "/" + bucket);
                }
            }
        }
        if (effectiveBlock(bucket).blockPublicPolicy() && isPublic(document)) {
            throw new ServiceException(403, "AccessDenied", "User: " + caller.describe()
                    + " is not authorized to perform: s3:PutBucketPolicy on resource: \"" + S3_ARN_PREFIX + bucket
                    + "\" because public policies are blocked by the BlockPublicPolicy block public access setting.")
                    .resource("/" + bucket);
        }
    }

    private static boolean coversOnlyThisBucket(String resource, String bucket) {
        if (!resource.startsWith(S3_ARN_PREFIX + bucket)) {
            return false;
        }
        String rest = resource.substring(S3_ARN_PREFIX.length() + bucket.length());
        return rest.isEmpty() || rest.startsWith("/") || rest.startsWith("*") || rest.startsWith("?");
    }

    /** GetBucketPolicyStatus: whether the policy is public as AWS defines it. */
    boolean isPublic(String json) {
        return isPublic(document(json));
    }

    private PolicyDocument document(String json) {
        return parsed.computeIfAbsent(json, text -> PolicyDocument.parse(text, PolicyKind.RESOURCE));
    }

    /** Public as Block Public Access defines it. */
    static boolean isPublic(PolicyDocument document) {
        return PublicPolicies.isPublic(document);
    }
}
