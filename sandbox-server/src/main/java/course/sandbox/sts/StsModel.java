package course.sandbox.sts;

import course.sandbox.iam.IamErrors;

import course.sandbox.iam.Credential;
import course.sandbox.iam.IamModel;
import course.sandbox.iam.IdGenerator;
import course.sandbox.iam.Principal;
import course.sandbox.iam.Role;
import course.sandbox.iam.policy.PolicyKind;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.Deflater;

/**
 * STS: who am I, role sessions and session tokens. Temporary credentials it issues are stored
 * in the IAM model's {@link course.sandbox.iam.CredentialStore}; the clock is the IAM model's.
 */
public final class StsModel {
    static final int DEFAULT_ROLE_SESSION_SECONDS = 3600;
    static final int ROLE_CHAINING_LIMIT_SECONDS = 3600;
    static final int MAX_SESSION_POLICY_LENGTH = 2048;
    static final int MAX_POLICY_ARNS = 10;
    static final int USER_SESSION_DEFAULT_SECONDS = 43200;
    static final int ROOT_SESSION_MAX_SECONDS = 3600;
    /**
     * The sandbox's stand-in for AWS's undisclosed packed-policy allotment: compressed bytes of
     * session policy plus policy ARNs. AWS's packing format is not public, so percentages
     * are close to, not equal to, AWS's.
     */
    static final int PACKED_POLICY_ALLOTMENT_BYTES = 1024;

    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]*");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]*");

    private final IamModel iam;

    /** Whether a caller may assume a role (trust and identity policies) is the pipeline's authorization step. */
    public StsModel(IamModel iam) {
        this.iam = iam;
    }

    public CallerIdentity getCallerIdentity(Principal caller) {
        return new CallerIdentity(caller.userId(), caller.accountId(), caller.arn());
    }

    /**
     * Checks parameters, refuses root, then issues role-session credentials (already authorized).
     *
     * @param caller the credential that signed the request
     */
    public AssumeRoleResult assumeRole(Credential caller, AssumeRoleRequest request) {
        checkRoleArnLength(request.roleArn());
        checkSessionName(request.roleSessionName());
        if (request.durationSeconds() != null) {
            checkRange(request.durationSeconds(), "durationSeconds", 900, 43200);
        }
        if (request.externalId() != null) {
            checkExternalId(request.externalId());
        }
        if (request.policy() != null && request.policy().length() > MAX_SESSION_POLICY_LENGTH) {
            throw IamErrors.constraint(request.policy(), "policy",
                    "Member must have length less than or equal to " + MAX_SESSION_POLICY_LENGTH);
        }
        if (request.policyArns().size() > MAX_POLICY_ARNS) {
            throw IamErrors.constraint(request.policyArns(), "policyArns",
                    "Member must have length less than or equal to " + MAX_POLICY_ARNS);
        }
        Principal principal = caller.principal();
        if (principal instanceof Principal.Root) {
            throw IamErrors.accessDenied("Roles may not be assumed by root accounts.");
        }
        Optional<Role> found = iam.findRoleByArn(request.roleArn());
        if (found.isEmpty()) {
            throw IamErrors.accessDenied("User: " + principal.arn()
                    + " is not authorized to perform: sts:AssumeRole on resource: " + request.roleArn());
        }
        Role role = found.get();
        int duration = request.durationSeconds() == null ? DEFAULT_ROLE_SESSION_SECONDS : request.durationSeconds();
        if (principal instanceof Principal.AssumedRole && duration > ROLE_CHAINING_LIMIT_SECONDS) {
            throw IamErrors.validation("The requested DurationSeconds exceeds the 1 hour session limit "
                    + "for roles assumed by role chaining.");
        }
        if (duration > role.maxSessionDuration()) {
            throw IamErrors.validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
        if (request.policy() != null) {
            iam.validate(request.policy(), PolicyKind.IDENTITY);
        }
        for (String arn : request.policyArns()) {
            iam.getPolicy(arn);
        }
        Optional<Integer> packed = Optional.empty();
        if (request.policy() != null || !request.policyArns().isEmpty()) {
            int percent = packedPolicyPercent(request.policy(), request.policyArns());
            if (percent > 100) {
                throw IamErrors.error("PackedPolicyTooLarge", "Packed policy consumes " + percent
                        + "% of allotted space, please use smaller policy.", 400);
            }
            packed = Optional.of(percent);
        }

        Principal.AssumedRole session = new Principal.AssumedRole(iam.accountId(), role.name(), role.path(),
                role.id(), request.roleSessionName());
        SessionCredentials credentials = issue(session, duration, request.policy(), request.policyArns());
        return new AssumeRoleResult(credentials, session, packed);
    }

    /**
     * Session credentials for an IAM user (900..129600 s, default 43200) or root (at most
     * 3600 s: longer requests are cut to one hour, as AWS does). Callers already using session
     * credentials are refused.
     */
    public SessionCredentials getSessionToken(Credential caller, Integer durationSeconds) {
        if (durationSeconds != null) {
            checkRange(durationSeconds, "durationSeconds", 900, 129600);
        }
        if (caller.isTemporary() || caller.principal() instanceof Principal.AssumedRole) {
            throw IamErrors.accessDenied("Cannot call GetSessionToken with session credentials");
        }
        int duration;
        if (caller.principal() instanceof Principal.Root) {
            duration = durationSeconds == null ? ROOT_SESSION_MAX_SECONDS : Math.min(durationSeconds, ROOT_SESSION_MAX_SECONDS);
        } else {
            duration = durationSeconds == null ? USER_SESSION_DEFAULT_SECONDS : durationSeconds;
        }
        return issue(caller.principal(), duration, null, List.of());
    }

    /**
     * Credentials of a role session that an AWS service starts for itself, as Lambda does for a
     * function's execution role (the session is named after the function). Whether the role's
     * trust policy lets the service assume it is the calling service's check.
     */
    public SessionCredentials assumeRoleForService(Role role, String sessionName, int seconds) {
        Principal.AssumedRole session = new Principal.AssumedRole(iam.accountId(), role.name(), role.path(),
                role.id(), sessionName);
        return issue(session, seconds, null, List.of());
    }

    private SessionCredentials issue(Principal principal, int seconds, String policy, List<String> policyArns) {
        IdGenerator ids = iam.ids();
        Instant expiration = iam.clock().instant().plusSeconds(seconds);
        String accessKeyId = ids.accessKeyId("ASIA");
        SessionCredentials credentials = new SessionCredentials(accessKeyId, ids.secretAccessKey(),
                ids.sessionToken(), expiration);
        iam.credentials().registerSession(new Credential(accessKeyId, credentials.secretAccessKey(), principal,
                Optional.of(credentials.sessionToken()), Optional.of(expiration), true,
                Optional.ofNullable(policy), policyArns));
        return credentials;
    }

    static int packedPolicyPercent(String policy, List<String> policyArns) {
        StringBuilder packed = new StringBuilder();
        if (policy != null) {
            packed.append(policy.replaceAll("\\s", ""));
        }
        policyArns.forEach(packed::append);
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(packed.toString().getBytes(StandardCharsets.UTF_8));
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1024];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return (int) Math.ceil(100.0 * out.size() / PACKED_POLICY_ALLOTMENT_BYTES);
    }

    private static void checkRoleArnLength(String roleArn) {
        if (roleArn == null) {
            throw IamErrors.missing("roleArn");
        }
        if (roleArn.length() < 20) {
            throw IamErrors.constraint(roleArn, "roleArn", "Member must have length greater than or equal to 20");
        }
    }

    private static void checkSessionName(String name) {
        if (name == null) {
            throw IamErrors.missing("roleSessionName");
        }
        if (name.length() < 2) {
            throw IamErrors.constraint(name, "roleSessionName", "Member must have length greater than or equal to 2");
        }
        if (name.length() > 64) {
            throw IamErrors.constraint(name, "roleSessionName", "Member must have length less than or equal to 64");
        }
        if (!SESSION_NAME.matcher(name).matches()) {
            throw IamErrors.constraint(name, "roleSessionName",
                    "Member must satisfy regular expression pattern: [\\w+=,.@-]*");
        }
    }

    private static void checkExternalId(String externalId) {
        if (externalId.length() < 2) {
            throw IamErrors.constraint(externalId, "externalId", "Member must have length greater than or equal to 2");
        }
        if (externalId.length() > 1224) {
            throw IamErrors.constraint(externalId, "externalId", "Member must have length less than or equal to 1224");
        }
        if (!EXTERNAL_ID.matcher(externalId).matches()) {
            throw IamErrors.constraint(externalId, "externalId",
                    "Member must satisfy regular expression pattern: [\\w+=,.@:/-]*");
        }
    }

    private static void checkRange(int value, String member, int min, int max) {
        if (value < min) {
            throw IamErrors.constraint(value, member, "Member must have value greater than or equal to " + min);
        }
        if (value > max) {
            throw IamErrors.constraint(value, member, "Member must have value less than or equal to " + max);
        }
    }
}
