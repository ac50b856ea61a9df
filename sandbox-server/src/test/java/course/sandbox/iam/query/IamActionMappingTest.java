package course.sandbox.iam.query;

import course.sandbox.iam.IamFixtures;
import course.sandbox.iam.IamModel;
import course.sandbox.iam.Principal;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static course.sandbox.iam.IamFixtures.ACCOUNT;
import static course.sandbox.iam.IamFixtures.TRUST_ACCOUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IamActionMappingTest {
    private final IamModel iam = IamFixtures.model();
    private final IamActionMapping mapping = new IamActionMapping(iam);
    private final Principal root = new Principal.Root(ACCOUNT);

    private RequiredPermission map(Principal caller, String... pairs) {
        Map<String, String> form = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.put(pairs[i], pairs[i + 1]);
        }
        return mapping.requiredPermission(form, caller).orElseThrow();
    }

    @Test
    void createUserUsesRequestedPath() {
        assertEquals(new RequiredPermission("iam:CreateUser", "arn:aws:iam::123456789012:user/dev/alice"),
                map(root, "Action", "CreateUser", "UserName", "alice", "Path", "/dev/"));
        assertEquals(new RequiredPermission("iam:CreateUser", "arn:aws:iam::123456789012:user/bob"),
                map(root, "Action", "CreateUser", "UserName", "bob"));
    }

    @Test
    void existingEntitiesUseTheirStoredPath() {
        iam.createUser("alice", "/ops/", null, List.of());
        iam.createRole("app", "/svc/", TRUST_ACCOUNT, null, null, null, List.of());
        assertEquals("arn:aws:iam::123456789012:user/ops/alice",
                map(root, "Action", "PutUserPolicy", "UserName", "alice").resourceArn());
        assertEquals(new RequiredPermission("iam:AttachRolePolicy", "arn:aws:iam::123456789012:role/svc/app"),
                map(root, "Action", "AttachRolePolicy", "RoleName", "app", "PolicyArn", "arn:aws:iam::aws:policy/X"));
        assertEquals("arn:aws:iam::123456789012:group/ghosts",
                map(root, "Action", "GetGroup", "GroupName", "ghosts").resourceArn());
    }

    @Test
    void callerDefaultsPoliciesAndLists() {
        Principal alice = new Principal.User(ACCOUNT, "alice", "/ops/", "AIDAEXAMPLEEXAMPLE123");
        assertEquals(new RequiredPermission("iam:ListAccessKeys", "arn:aws:iam::123456789012:user/ops/alice"),
                map(alice, "Action", "ListAccessKeys"));
        assertEquals(new RequiredPermission("iam:GetPolicy", "arn:aws:iam::aws:policy/ReadOnlyAccess"),
                map(root, "Action", "GetPolicy", "PolicyArn", "arn:aws:iam::aws:policy/ReadOnlyAccess"));
        assertEquals(new RequiredPermission("iam:CreatePolicy", "arn:aws:iam::123456789012:policy/team/P"),
                map(root, "Action", "CreatePolicy", "PolicyName", "P", "Path", "/team/"));
        assertEquals(new RequiredPermission("iam:ListRoles", "*"), map(root, "Action", "ListRoles"));
    }

    @Test
    void unknownActionsMapToNothing() {
        assertEquals(Optional.empty(), mapping.requiredPermission(Map.of("Action", "CreateUnicorn"), root));
        assertTrue(IamOperation.of("ListEntitiesForPolicy").isPresent());
        assertEquals(Optional.empty(), mapping.requiredPermission(Map.of("Action", "SimulatePrincipalPolicy"), root));
    }
}
