package course.sandbox.iam.policy;

/** Why a request was denied, in the terms of AWS's AccessDenied messages. */
public enum DenialReason {
    EXPLICIT_DENY_IDENTITY,
    EXPLICIT_DENY_RESOURCE,
    EXPLICIT_DENY_PERMISSIONS_BOUNDARY,
    EXPLICIT_DENY_SESSION,
    NO_IDENTITY_ALLOW,
    NO_PERMISSIONS_BOUNDARY_ALLOW,
    NO_SESSION_ALLOW,
    /** Cross-account requests also need the resource's policy to allow them. */
    NO_RESOURCE_ALLOW
}
