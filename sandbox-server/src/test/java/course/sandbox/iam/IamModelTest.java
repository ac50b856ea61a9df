package course.sandbox.iam;

import course.sandbox.service.ServiceException;

import course.sandbox.iam.policy.PolicySourceType;
import com.fasterxml.jackson.databind.ObjectMapper;
import course.sandbox.service.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static course.sandbox.iam.IamFixtures.ACCOUNT;
import static course.sandbox.iam.IamFixtures.ALLOW_ALL;
import static course.sandbox.iam.IamFixtures.ROOT_KEY;
import static course.sandbox.iam.IamFixtures.T0;
import static course.sandbox.iam.IamFixtures.TRUST_ACCOUNT;
import static course.sandbox.iam.IamModel.EntityType.GROUP;
import static course.sandbox.iam.IamModel.EntityType.ROLE;
import static course.sandbox.iam.IamModel.EntityType.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IamModelTest {
    private final IamModel iam = IamFixtures.model();

    private static void assertError(String code, String message, int status, Runnable action) {
        ServiceException e = assertThrows(ServiceException.class, action::run);
        assertEquals(code, e.code());
        assertEquals(message, e.getMessage());
        assertEquals(status, e.status());
    }

    @Test
    void createUserAssignsIdArnPathAndTags() {
        User user = iam.createUser("alice", "/dev/", null, List.of(new Tag("team", "red")));
        assertEquals("arn:aws:iam::123456789012:user/dev/alice", user.arn());
        assertTrue(user.id().matches("AIDA[A-Z0-9]{17}"), user.id());
        assertEquals(21, user.id().length());
        assertEquals(T0, user.createDate());
        assertEquals(List.of(new Tag("team", "red")), user.tags());
        assertEquals("/", iam.createUser("bob", null, null, List.of()).path());
    }

    @Test
    void userNamesAreUniqueIgnoringCase() {
        iam.createUser("alice", null, null, List.of());
        assertError("EntityAlreadyExists", "User with name ALICE already exists.", 409,
                () -> iam.createUser("ALICE", null, null, List.of()));
        assertEquals("alice", iam.getUser("Alice").name());
    }

    @Test
    void invalidNamesAndPathsAreValidationErrors() {
        assertError("ValidationError", "1 validation error detected: Value 'a b' at 'userName' failed to satisfy "
                + "constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+", 400,
                () -> iam.createUser("a b", null, null, List.of()));
        assertError("ValidationError", "1 validation error detected: Value '" + "x".repeat(65) + "' at 'userName' "
                + "failed to satisfy constraint: Member must have length less than or equal to 64", 400,
                () -> iam.createUser("x".repeat(65), null, null, List.of()));
        assertError("ValidationError", "The specified value for path is invalid. It must begin and end with / "
                + "and contain only alphanumeric characters and/or / characters.", 400,
                () -> iam.createUser("carol", "dev", null, List.of()));
    }

    @Test
    void missingUserIsNoSuchEntity() {
        assertError("NoSuchEntity", "The user with name ghost cannot be found.", 404, () -> iam.getUser("ghost"));
    }

    @Test
    void deleteUserRefusesWhileKeysPoliciesOrGroupsRemain() {
        iam.createUser("alice", null, null, List.of());
        AccessKey key = iam.createAccessKey("alice");
        assertError("DeleteConflict", "Cannot delete entity, must delete access keys first.", 409,
                () -> iam.deleteUser("alice"));
        iam.deleteAccessKey("alice", key.accessKeyId());

        iam.putInlinePolicy(USER, "alice", "inline", ALLOW_ALL);
        assertError("DeleteConflict", "Cannot delete entity, must delete policies first.", 409,
                () -> iam.deleteUser("alice"));
        iam.deleteInlinePolicy(USER, "alice", "inline");

        iam.attachPolicy(USER, "alice", "arn:aws:iam::aws:policy/ReadOnlyAccess");
        assertError("DeleteConflict", "Cannot delete entity, must detach all policies first.", 409,
                () -> iam.deleteUser("alice"));
        iam.detachPolicy(USER, "alice", "arn:aws:iam::aws:policy/ReadOnlyAccess");

        iam.createGroup("devs", null);
        iam.addUserToGroup("devs", "alice");
        assertError("DeleteConflict", "Cannot delete entity, must remove users from group first.", 409,
                () -> iam.deleteUser("alice"));
        iam.removeUserFromGroup("devs", "alice");

        iam.deleteUser("alice");
        assertTrue(iam.listUsers(null).isEmpty());
    }

    @Test
    void accessKeysHaveAwsShapeAndAreLimitedToTwo() {
        iam.createUser("alice", null, null, List.of());
        AccessKey key = iam.createAccessKey("alice");
        assertTrue(key.accessKeyId().matches("AKIA[A-Z0-9]{16}"), key.accessKeyId());
        assertEquals(40, key.secretAccessKey().length());
        assertEquals(AccessKey.Status.Active, key.status());
        iam.createAccessKey("alice");
        assertError("LimitExceeded", "Cannot exceed quota for AccessKeysPerUser: 2", 409,
                () -> iam.createAccessKey("alice"));
        assertError("NoSuchEntity", "The Access Key with id AKIANOPE cannot be found.", 404,
                () -> iam.deleteAccessKey("alice", "AKIANOPE"));
    }

    @Test
    void credentialStoreFindsRootUserKeysAndTheirStatus() {
        User alice = iam.createUser("alice", "/ops/", null, List.of());
        AccessKey key = iam.createAccessKey("alice");
        CredentialStore store = iam.credentials();

        Credential root = store.lookup(ROOT_KEY).orElseThrow();
        assertEquals(new Principal.Root(ACCOUNT), root.principal());
        assertEquals("arn:aws:iam::123456789012:root", root.principal().arn());

        Credential user = store.lookup(key.accessKeyId()).orElseThrow();
        assertEquals(key.secretAccessKey(), user.secretAccessKey());
        assertEquals("arn:aws:iam::123456789012:user/ops/alice", user.principal().arn());
        assertEquals(alice.id(), user.principal().userId());
        assertTrue(user.active());
        assertFalse(user.isTemporary());

        iam.updateAccessKey("alice", key.accessKeyId(), AccessKey.Status.Inactive);
        assertFalse(store.lookup(key.accessKeyId()).orElseThrow().active());
        iam.deleteAccessKey("alice", key.accessKeyId());
        assertEquals(Optional.empty(), store.lookup(key.accessKeyId()));
    }

    @Test
    void rolesCheckDurationTrustPolicyAndConflicts() {
        Role role = iam.createRole("app", "/svc/", TRUST_ACCOUNT, "runs the app", null, null, List.of());
        assertEquals("arn:aws:iam::123456789012:role/svc/app", role.arn());
        assertTrue(role.id().matches("AROA[A-Z0-9]{17}"));
        assertEquals(3600, role.maxSessionDuration());
        assertEquals(Optional.of("runs the app"), role.description());
        assertEquals(Optional.of(role), iam.findRoleByArn("arn:aws:iam::123456789012:role/svc/app"));
        assertEquals(Optional.empty(), iam.findRoleByArn("arn:aws:iam::123456789012:role/app"));

        assertError("ValidationError", "1 validation error detected: Value '43201' at 'maxSessionDuration' failed to "
                + "satisfy constraint: Member must have value less than or equal to 43200", 400,
                () -> iam.createRole("r2", null, TRUST_ACCOUNT, null, 43201, null, List.of()));
        assertError("MalformedPolicyDocument", "Syntax errors in policy.", 400,
                () -> iam.createRole("r3", null, "not json", null, null, null, List.of()));
        assertError("EntityAlreadyExists", "Role with name APP already exists.", 409,
                () -> iam.createRole("APP", null, TRUST_ACCOUNT, null, null, null, List.of()));

        iam.putInlinePolicy(ROLE, "app", "p", ALLOW_ALL);
        assertError("DeleteConflict", "Cannot delete entity, must delete policies first.", 409,
                () -> iam.deleteRole("app"));
        iam.deleteInlinePolicy(ROLE, "app", "p");
        iam.deleteRole("app");
        assertError("NoSuchEntity", "The role with name app cannot be found.", 404, () -> iam.getRole("app"));
    }

    @Test
    void inlinePoliciesPutGetListDeleteAndSizeQuota() {
        iam.createGroup("devs", null);
        iam.putInlinePolicy(GROUP, "devs", "b", ALLOW_ALL);
        iam.putInlinePolicy(GROUP, "devs", "a", "{}");
        assertEquals(List.of("a", "b"), iam.listInlinePolicies(GROUP, "devs"));
        assertEquals(ALLOW_ALL, iam.getInlinePolicy(GROUP, "devs", "b"));
        assertError("NoSuchEntity", "The group policy with name c cannot be found.", 404,
                () -> iam.getInlinePolicy(GROUP, "devs", "c"));

        iam.createUser("alice", null, null, List.of());
        String big = "{\"Sid\":\"" + "x".repeat(2100) + "\"}";
        assertError("LimitExceeded", "Maximum policy size of 2048 bytes exceeded for user alice", 409,
                () -> iam.putInlinePolicy(USER, "alice", "big", big));
    }

    @Test
    void managedPolicyVersionsFollowIamRules() {
        ManagedPolicy policy = iam.createPolicy("S3Read", "/team/", ALLOW_ALL, "read");
        String arn = "arn:aws:iam::123456789012:policy/team/S3Read";
        assertEquals(arn, policy.arn());
        assertTrue(policy.id().matches("ANPA[A-Z0-9]{17}"));
        assertEquals("v1", policy.defaultVersionId());

        PolicyVersion v2 = iam.createPolicyVersion(arn, "{\"v\":2}", false);
        assertEquals("v2", v2.versionId());
        assertFalse(v2.isDefaultVersion());
        iam.createPolicyVersion(arn, "{\"v\":3}", true);
        assertEquals("v3", iam.getPolicy(arn).defaultVersionId());
        assertEquals("{\"v\":3}", iam.managedPolicyDocument(arn).orElseThrow());
        iam.createPolicyVersion(arn, "{\"v\":4}", false);
        iam.createPolicyVersion(arn, "{\"v\":5}", false);
        assertError("LimitExceeded", "A managed policy can have up to 5 versions. Before you create a new version, "
                + "you must delete an existing version.", 409, () -> iam.createPolicyVersion(arn, "{}", false));

        assertEquals(List.of("v5", "v4", "v3", "v2", "v1"),
                iam.listPolicyVersions(arn).stream().map(PolicyVersion::versionId).toList());
        assertError("DeleteConflict", "Cannot delete the default version of a policy.", 409,
                () -> iam.deletePolicyVersion(arn, "v3"));
        iam.deletePolicyVersion(arn, "v1");
        assertError("NoSuchEntity", "Policy " + arn + " version v1 does not exist or is not attachable.", 404,
                () -> iam.getPolicyVersion(arn, "v1"));
        // Version ids are never reused.
        assertEquals("v6", iam.createPolicyVersion(arn, "{}", false).versionId());
        iam.setDefaultPolicyVersion(arn, "v6");
        assertTrue(iam.getPolicyVersion(arn, "v6").isDefaultVersion());
        assertFalse(iam.getPolicyVersion(arn, "v3").isDefaultVersion());

        assertError("EntityAlreadyExists", "A policy called s3read already exists. Duplicate names are not allowed.",
                409, () -> iam.createPolicy("s3read", null, ALLOW_ALL, null));
    }

    @Test
    void attachedPolicyCannotBeDeletedAndCountsAttachments() {
        String arn = iam.createPolicy("P", null, ALLOW_ALL, null).arn();
        iam.createRole("app", null, TRUST_ACCOUNT, null, null, null, List.of());
        iam.attachPolicy(ROLE, "app", arn);
        iam.attachPolicy(ROLE, "app", arn);
        assertEquals(1, iam.getPolicy(arn).attachmentCount());
        assertEquals(List.of("app"), iam.listEntitiesForPolicy(arn).roles().stream().map(Role::name).toList());
        assertError("DeleteConflict", "Cannot delete a policy attached to entities.", 409, () -> iam.deletePolicy(arn));
        assertError("DeleteConflict", "Cannot delete entity, must detach all policies first.", 409,
                () -> iam.deleteRole("app"));
        iam.detachPolicy(ROLE, "app", arn);
        assertEquals(0, iam.getPolicy(arn).attachmentCount());
        iam.deletePolicy(arn);
        assertError("NoSuchEntity", "Policy " + arn + " does not exist or is not attachable.", 404,
                () -> iam.getPolicy(arn));
    }

    @Test
    void attachingUnknownOrMalformedArnsFails() {
        iam.createUser("alice", null, null, List.of());
        assertError("NoSuchEntity", "Policy arn:aws:iam::aws:policy/NoSuchPolicy does not exist or is not attachable.",
                404, () -> iam.attachPolicy(USER, "alice", "arn:aws:iam::aws:policy/NoSuchPolicy"));
        assertError("InvalidInput", "ARN arn:aws:s3:::bucket/whatever is not valid.", 400,
                () -> iam.attachPolicy(USER, "alice", "arn:aws:s3:::bucket/whatever"));
    }

    @Test
    void awsManagedPoliciesAreLoadedWithTheirPublishedDocuments() throws Exception {
        List<ManagedPolicy> aws = iam.listPolicies(IamModel.PolicyScope.AWS, false, null);
        assertEquals(6, aws.size());
        ManagedPolicy admin = iam.getPolicy("arn:aws:iam::aws:policy/AdministratorAccess");
        assertTrue(admin.awsManaged());
        assertEquals("ANPAIWMBCKSKIEE64ZLYK", admin.id());
        assertEquals("v1", admin.defaultVersionId());
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Action\":\"*\",\"Resource\":\"*\","
                + "\"Effect\":\"Allow\"}]}"), json.readTree(admin.defaultVersion().document()));
        String readOnly = iam.getPolicy("arn:aws:iam::aws:policy/ReadOnlyAccess").defaultVersion().document();
        assertTrue(readOnly.contains("\"s3:Get*\"") && readOnly.contains("\"dynamodb:Query\""));
        assertEquals("v4", iam.getPolicy("arn:aws:iam::aws:policy/IAMReadOnlyAccess").defaultVersionId());
        assertEquals("AccessDenied", assertThrows(ServiceException.class,
                () -> iam.deletePolicy("arn:aws:iam::aws:policy/AdministratorAccess")).code());
    }

    @Test
    void managedPolicyLimitPerEntityIsTen() {
        iam.createUser("alice", null, null, List.of());
        for (int i = 0; i < 10; i++) {
            iam.attachPolicy(USER, "alice", iam.createPolicy("p" + i, null, "{}", null).arn());
        }
        String eleventh = iam.createPolicy("p10", null, "{}", null).arn();
        assertError("LimitExceeded", "Cannot exceed quota for PoliciesPerUser: 10", 409,
                () -> iam.attachPolicy(USER, "alice", eleventh));
    }

    @Test
    void permissionsBoundariesAreSetReplacedAndDeleted() {
        String boundary = "arn:aws:iam::aws:policy/AmazonS3FullAccess";
        User user = iam.createUser("alice", null, boundary, List.of());
        assertEquals(Optional.of(boundary), user.permissionsBoundaryArn());
        assertEquals(1, iam.getPolicy(boundary).permissionsBoundaryUsageCount());

        iam.putPermissionsBoundary(USER, "alice", "arn:aws:iam::aws:policy/ReadOnlyAccess");
        assertEquals(0, iam.getPolicy(boundary).permissionsBoundaryUsageCount());
        iam.deletePermissionsBoundary(USER, "alice");
        assertEquals(Optional.empty(), iam.getUser("alice").permissionsBoundaryArn());

        assertError("NoSuchEntity", "Scope ARN: arn:aws:iam::123456789012:policy/none does not exist or is not attachable.",
                404, () -> iam.createRole("r", null, TRUST_ACCOUNT, null, null,
                        "arn:aws:iam::123456789012:policy/none", List.of()));
    }

    @Test
    void tagsAreAddedReplacedRemovedAndChecked() {
        iam.createRole("app", null, TRUST_ACCOUNT, null, null, null, List.of(new Tag("env", "dev")));
        iam.tag(ROLE, "app", List.of(new Tag("env", "prod"), new Tag("team", "blue")));
        assertEquals(List.of(new Tag("env", "prod"), new Tag("team", "blue")), iam.listTags(ROLE, "app"));
        iam.untag(ROLE, "app", List.of("env", "absent"));
        assertEquals(List.of(new Tag("team", "blue")), iam.listTags(ROLE, "app"));
        assertError("InvalidInput", "Duplicate tag keys found. Please note that Tag keys are case insensitive.", 400,
                () -> iam.tag(ROLE, "app", List.of(new Tag("a", "1"), new Tag("A", "2"))));
    }

    @Test
    void principalPoliciesCollectUserGroupAndManagedPolicies() {
        String custom = iam.createPolicy("Custom", null, "{\"c\":1}", null).arn();
        iam.createUser("alice", null, "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", List.of(new Tag("k", "v")));
        iam.putInlinePolicy(USER, "alice", "mine", "{\"u\":1}");
        iam.attachPolicy(USER, "alice", custom);
        iam.createGroup("devs", null);
        iam.putInlinePolicy(GROUP, "devs", "shared", "{\"g\":1}");
        iam.attachPolicy(GROUP, "devs", "arn:aws:iam::aws:policy/IAMReadOnlyAccess");
        iam.addUserToGroup("devs", "alice");

        PrincipalPolicies result = iam.principalPolicies(iam.getUser("alice").asPrincipal(ACCOUNT));
        List<IdentityPolicy> policies = result.identityPolicies();
        assertEquals(List.of(PolicySourceType.USER_INLINE, PolicySourceType.CUSTOMER_MANAGED,
                PolicySourceType.GROUP_INLINE, PolicySourceType.AWS_MANAGED),
                policies.stream().map(IdentityPolicy::sourceType).toList());
        assertEquals("arn:aws:iam::123456789012:user/alice#mine", policies.get(0).sourceId());
        assertEquals("{\"u\":1}", policies.get(0).document());
        assertEquals(custom, policies.get(1).sourceId());
        assertEquals("arn:aws:iam::123456789012:group/devs#shared", policies.get(2).sourceId());
        assertEquals("arn:aws:iam::aws:policy/IAMReadOnlyAccess", policies.get(3).sourceId());
        assertTrue(result.permissionsBoundary().orElseThrow().contains("s3-object-lambda:Get*"));
        assertEquals(List.of(new Tag("k", "v")), result.principalTags());

        Role role = iam.createRole("app", null, TRUST_ACCOUNT, null, null, null, List.of());
        iam.putInlinePolicy(ROLE, "app", "r", "{\"r\":1}");
        PrincipalPolicies session = iam.principalPolicies(
                new Principal.AssumedRole(ACCOUNT, "app", "/", role.id(), "s1"));
        assertEquals(List.of(new IdentityPolicy(PolicySourceType.ROLE_INLINE,
                "arn:aws:iam::123456789012:role/app#r", "r", "{\"r\":1}")), session.identityPolicies());
        assertTrue(iam.principalPolicies(new Principal.Root(ACCOUNT)).identityPolicies().isEmpty());
    }

    @Test
    void resetDropsEverythingButRootCredentials() {
        iam.createUser("alice", null, "arn:aws:iam::aws:policy/ReadOnlyAccess", List.of());
        String keyId = iam.createAccessKey("alice").accessKeyId();
        iam.createPolicy("P", null, "{}", null);
        iam.reset();
        assertTrue(iam.listUsers(null).isEmpty());
        assertEquals(6, iam.listPolicies(IamModel.PolicyScope.All, false, null).size());
        assertEquals(0, iam.getPolicy("arn:aws:iam::aws:policy/ReadOnlyAccess").permissionsBoundaryUsageCount());
        assertTrue(iam.credentials().lookup(keyId).isEmpty());
        assertTrue(iam.credentials().lookup(ROOT_KEY).isPresent());
    }

    @Test
    void listsFilterByPathPrefix() {
        iam.createUser("a", "/dev/", null, List.of());
        iam.createUser("b", "/ops/", null, List.of());
        iam.createUser("c", "/dev/x/", null, List.of());
        assertEquals(List.of("a", "c"), iam.listUsers("/dev/").stream().map(User::name).toList());
        assertEquals(3, iam.listUsers(null).size());
    }
}
