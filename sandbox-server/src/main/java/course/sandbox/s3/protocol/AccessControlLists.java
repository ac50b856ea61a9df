package course.sandbox.s3.protocol;

import course.sandbox.s3.BucketConfiguration;
import course.sandbox.s3.S3Errors;
import course.sandbox.service.ServiceException;

import java.util.List;
import java.util.Set;

/**
 * ACLs as S3 treats them today. With Object Ownership BucketOwnerEnforced (every new bucket)
 * ACLs are disabled: reads answer the owner's FULL_CONTROL, writes succeed only when they grant
 * nothing beyond that (private, bucket-owner-full-control) and otherwise fail with
 * AccessControlListNotSupported. Where ACLs are enabled, Block Public Access refuses public ones;
 * the sandbox evaluates no grant to anyone else, so such an ACL is NotImplemented, never ignored.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl
 */
final class AccessControlLists {
    static final List<String> GRANT_HEADERS = List.of("x-amz-grant-read", "x-amz-grant-write", "x-amz-grant-read-acp",
            "x-amz-grant-write-acp", "x-amz-grant-full-control");
    private static final Set<String> CANNED = Set.of("private", "public-read", "public-read-write", "aws-exec-read",
            "authenticated-read", "bucket-owner-read", "bucket-owner-full-control", "log-delivery-write");
    /** Canned ACLs that grant nothing beyond the bucket owner's full control. */
    private static final Set<String> OWNER_ONLY = Set.of("private", "bucket-owner-full-control");
    /** Canned ACLs AWS counts as public: they grant to AllUsers or AuthenticatedUsers. */
    private static final Set<String> PUBLIC = Set.of("public-read", "public-read-write", "authenticated-read");
    static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
    static final String AUTHENTICATED_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";

    private AccessControlLists() {
    }

    /** Whether a request sets an ACL through headers (x-amz-acl or x-amz-grant-*). */
    static boolean carriesAcl(S3Request request) {
        return request.header("x-amz-acl").isPresent()
                || GRANT_HEADERS.stream().anyMatch(header -> request.header(header).isPresent());
    }

    /** What an ACL grants, as far as the rules here need to know. */
    record Grants(boolean ownerOnly, boolean publicGrant) {
        static final Grants OWNER = new Grants(true, false);
    }

    /** The grants of the ACL headers; an unknown canned ACL is InvalidArgument. */
    static Grants fromHeaders(S3Request request) {
        String canned = request.header("x-amz-acl").map(String::trim).orElse(null);
        if (canned != null && !CANNED.contains(canned)) {
            // S3 names the argument and leaves the message empty.
            throw S3Errors.invalidArgument("", "x-amz-acl", canned, request.resource());
        }
        boolean grants = GRANT_HEADERS.stream().anyMatch(header -> request.header(header).isPresent());
        boolean publicGrant = (canned != null && PUBLIC.contains(canned)) || GRANT_HEADERS.stream()
                .map(request::header)
                .flatMap(java.util.Optional::stream)
                .anyMatch(value -> value.contains(ALL_USERS) || value.contains(AUTHENTICATED_USERS));
        boolean ownerOnly = !grants && (canned == null || OWNER_ONLY.contains(canned));
        return new Grants(ownerOnly, publicGrant);
    }

    /**
     * Whether the bucket lets a write set this ACL.
     *
     * @throws ServiceException AccessControlListNotSupported (ACLs disabled), AccessDenied (a
     *                          public ACL while BlockPublicAcls is on), NotImplemented (any
     *                          other grant: the sandbox does not evaluate ACL grants)
     */
    static void requireAllowed(Grants grants, BucketConfiguration bucket, String resource) {
        if (grants.ownerOnly()) {
            return;
        }
        if (!bucket.aclsEnabled()) {
            throw new ServiceException(400, "AccessControlListNotSupported", "The bucket does not allow ACLs")
                    .resource(resource);
        }
        if (grants.publicGrant() && bucket.effectivePublicAccessBlock().blockPublicAcls()) {
            throw new ServiceException(403, "AccessDenied", "Access Denied").resource(resource);
        }
        throw S3Errors.notImplemented(resource);
    }
}
