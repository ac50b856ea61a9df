package course.sandbox.iam.query;

import course.sandbox.iam.IamFixtures;
import course.sandbox.iam.IamModel;
import course.sandbox.iam.Principal;
import course.sandbox.protocol.QueryResponse;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static course.sandbox.iam.IamFixtures.ACCOUNT;
import static course.sandbox.iam.IamFixtures.ALLOW_ALL;
import static course.sandbox.iam.IamFixtures.TRUST_ACCOUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IamQueryHandlerTest {
    private static final String NS = "https://iam.amazonaws.com/doc/2010-05-08/";
    private static final Principal ROOT = new Principal.Root(ACCOUNT);

    private final IamModel iam = IamFixtures.model();
    private final IamQueryHandler handler = new IamQueryHandler(iam, () -> "req-1");

    /** Calls the handler as root with Action, Version and name/value pairs. */
    private ParsedXml call(int expectedStatus, String action, String... pairs) {
        return callAs(ROOT, expectedStatus, action, pairs);
    }

    private ParsedXml callAs(Principal caller, int expectedStatus, String action, String... pairs) {
        Map<String, String> form = new HashMap<>();
        form.put("Action", action);
        form.put("Version", "2010-05-08");
        for (int i = 0; i < pairs.length; i += 2) {
            form.put(pairs[i], pairs[i + 1]);
        }
        QueryResponse response = handler.handle(form, caller);
        assertEquals(expectedStatus, response.status(), response.xml());
        ParsedXml xml = ParsedXml.parse(response.xml());
        assertEquals(NS, xml.namespace());
        return xml;
    }

    private static String decode(String encoded) {
        return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    }

    @Test
    void createUserRendersUserWithBoundaryTagsAndRequestId() {
        ParsedXml xml = call(200, "CreateUser", "UserName", "alice", "Path", "/dev/",
                "PermissionsBoundary", "arn:aws:iam::aws:policy/ReadOnlyAccess",
                "Tags.member.1.Key", "team", "Tags.member.1.Value", "red");
        assertEquals("CreateUserResponse", xml.rootName());
        String user = "/CreateUserResponse/CreateUserResult/User/";
        assertEquals("alice", xml.text(user + "UserName"));
        assertEquals("/dev/", xml.text(user + "Path"));
        assertEquals("arn:aws:iam::123456789012:user/dev/alice", xml.text(user + "Arn"));
        assertTrue(xml.text(user + "UserId").matches("AIDA[A-Z0-9]{17}"));
        assertEquals("2025-01-02T03:04:05Z", xml.text(user + "CreateDate"));
        assertEquals("PermissionsBoundaryPolicy", xml.text(user + "PermissionsBoundary/PermissionsBoundaryType"));
        assertEquals("arn:aws:iam::aws:policy/ReadOnlyAccess", xml.text(user + "PermissionsBoundary/PermissionsBoundaryArn"));
        assertEquals("team", xml.text(user + "Tags/member/Key"));
        assertEquals("red", xml.text(user + "Tags/member/Value"));
        assertEquals("req-1", xml.text("/CreateUserResponse/ResponseMetadata/RequestId"));
    }

    @Test
    void errorsUseErrorResponseWithAwsCodeAndStatus() {
        ParsedXml xml = call(404, "GetUser", "UserName", "ghost");
        assertEquals("ErrorResponse", xml.rootName());
        assertEquals("Sender", xml.text("/ErrorResponse/Error/Type"));
        assertEquals("NoSuchEntity", xml.text("/ErrorResponse/Error/Code"));
        assertEquals("The user with name ghost cannot be found.", xml.text("/ErrorResponse/Error/Message"));
        assertEquals("req-1", xml.text("/ErrorResponse/RequestId"));

        call(200, "CreateUser", "UserName", "alice");
        assertEquals("EntityAlreadyExists", call(409, "CreateUser", "UserName", "alice").text("//Code"));
    }

    @Test
    void unknownActionAndMissingParameters() {
        ParsedXml unknown = call(400, "CreateUnicorn");
        assertEquals("InvalidAction", unknown.text("//Code"));
        assertEquals("Could not find operation CreateUnicorn for version 2010-05-08", unknown.text("//Message"));

        ParsedXml missing = call(400, "CreateUser");
        assertEquals("ValidationError", missing.text("//Code"));
        assertEquals("1 validation error detected: Value null at 'userName' failed to satisfy constraint: "
                + "Member must not be null", missing.text("//Message"));
    }

    @Test
    void getUserDefaultsToTheCaller() {
        call(200, "CreateUser", "UserName", "alice");
        Principal alice = iam.getUser("alice").asPrincipal(ACCOUNT);
        assertEquals("alice", callAs(alice, 200, "GetUser").text("//User/UserName"));

        ParsedXml root = call(200, "GetUser");
        assertEquals("arn:aws:iam::123456789012:root", root.text("//User/Arn"));
        assertEquals(ACCOUNT, root.text("//User/UserId"));

        Principal session = new Principal.AssumedRole(ACCOUNT, "r", "/", "AROAEXAMPLEEXAMPLE12", "s");
        assertEquals("Must specify userName when calling with non-User credentials",
                callAs(session, 400, "GetUser").text("//Message"));
    }

    @Test
    void listUsersPaginatesWithMarker() {
        for (String name : List.of("a", "b", "c")) {
            call(200, "CreateUser", "UserName", name);
        }
        ParsedXml first = call(200, "ListUsers", "MaxItems", "2");
        assertEquals(List.of("a", "b"), first.texts("/ListUsersResponse/ListUsersResult/Users/member/UserName"));
        assertEquals("true", first.text("//IsTruncated"));
        String marker = first.text("/ListUsersResponse/ListUsersResult/Marker");

        ParsedXml second = call(200, "ListUsers", "MaxItems", "2", "Marker", marker);
        assertEquals(List.of("c"), second.texts("//Users/member/UserName"));
        assertEquals("false", second.text("//IsTruncated"));
        assertFalse(second.has("//ListUsersResult/Marker"));

        assertEquals("ValidationError", call(400, "ListUsers", "MaxItems", "0").text("//Code"));
        assertEquals("ValidationError", call(400, "ListUsers", "Marker", "garbage!").text("//Code"));
    }

    @Test
    void rolesCarryUrlEncodedTrustPolicy() {
        ParsedXml created = call(200, "CreateRole", "RoleName", "app", "AssumeRolePolicyDocument", TRUST_ACCOUNT,
                "Description", "the app", "MaxSessionDuration", "7200");
        String encoded = created.text("//Role/AssumeRolePolicyDocument");
        assertTrue(encoded.startsWith("%7B%22Version%22%3A"), encoded);
        assertEquals(TRUST_ACCOUNT, decode(encoded));
        assertEquals("7200", created.text("//Role/MaxSessionDuration"));
        assertEquals("the app", created.text("//Role/Description"));
        assertTrue(created.text("//Role/RoleId").startsWith("AROA"));

        ParsedXml listed = call(200, "ListRoles");
        assertEquals(List.of("app"), listed.texts("//Roles/member/RoleName"));
        assertEquals(TRUST_ACCOUNT, decode(listed.text("//Roles/member/AssumeRolePolicyDocument")));

        String newTrust = "{\"Version\": \"2012-10-17\", \"Statement\": []}";
        call(200, "UpdateAssumeRolePolicy", "RoleName", "app", "PolicyDocument", newTrust);
        String updated = call(200, "GetRole", "RoleName", "app").text("//Role/AssumeRolePolicyDocument");
        assertTrue(updated.contains("%20"), "spaces are %20, not +: " + updated);
        assertEquals(newTrust, decode(updated));

        ParsedXml update = call(200, "UpdateRole", "RoleName", "app", "Description", "changed");
        assertTrue(update.has("/UpdateRoleResponse/UpdateRoleResult"));
        assertEquals("changed", iam.getRole("app").description().orElseThrow());
    }

    @Test
    void inlinePoliciesRoundTripUrlEncoded() {
        call(200, "CreateUser", "UserName", "alice");
        ParsedXml put = call(200, "PutUserPolicy", "UserName", "alice", "PolicyName", "all", "PolicyDocument", ALLOW_ALL);
        assertFalse(put.has("//PutUserPolicyResult"));
        ParsedXml got = call(200, "GetUserPolicy", "UserName", "alice", "PolicyName", "all");
        assertEquals("alice", got.text("//GetUserPolicyResult/UserName"));
        assertEquals("all", got.text("//GetUserPolicyResult/PolicyName"));
        assertEquals(ALLOW_ALL, decode(got.text("//GetUserPolicyResult/PolicyDocument")));
        assertEquals(List.of("all"), call(200, "ListUserPolicies", "UserName", "alice").texts("//PolicyNames/member"));
        assertEquals("MalformedPolicyDocument", call(400, "PutUserPolicy", "UserName", "alice", "PolicyName", "bad",
                "PolicyDocument", "{nope").text("//Code"));
        call(200, "DeleteUserPolicy", "UserName", "alice", "PolicyName", "all");
        assertEquals("NoSuchEntity", call(404, "GetUserPolicy", "UserName", "alice", "PolicyName", "all").text("//Code"));
    }

    @Test
    void managedPoliciesVersionsAndAttachments() {
        ParsedXml created = call(200, "CreatePolicy", "PolicyName", "Ops", "PolicyDocument", ALLOW_ALL,
                "Description", "ops things");
        String arn = created.text("//Policy/Arn");
        assertEquals("arn:aws:iam::123456789012:policy/Ops", arn);
        assertEquals("v1", created.text("//Policy/DefaultVersionId"));
        assertTrue(created.text("//Policy/PolicyId").startsWith("ANPA"));
        assertEquals("0", created.text("//Policy/AttachmentCount"));
        assertEquals("true", created.text("//Policy/IsAttachable"));

        ParsedXml v2 = call(200, "CreatePolicyVersion", "PolicyArn", arn, "PolicyDocument", "{\"v\": 2}",
                "SetAsDefault", "true");
        assertEquals("v2", v2.text("//PolicyVersion/VersionId"));
        assertEquals("true", v2.text("//PolicyVersion/IsDefaultVersion"));
        assertFalse(v2.has("//PolicyVersion/Document"));
        ParsedXml gotV2 = call(200, "GetPolicyVersion", "PolicyArn", arn, "VersionId", "v2");
        assertEquals("{\"v\": 2}", decode(gotV2.text("//PolicyVersion/Document")));
        assertEquals(List.of("v2", "v1"), call(200, "ListPolicyVersions", "PolicyArn", arn)
                .texts("//Versions/member/VersionId"));
        assertEquals(List.of("true", "false"), call(200, "ListPolicyVersions", "PolicyArn", arn)
                .texts("//Versions/member/IsDefaultVersion"));

        call(200, "CreateRole", "RoleName", "app", "AssumeRolePolicyDocument", TRUST_ACCOUNT);
        call(200, "AttachRolePolicy", "RoleName", "app", "PolicyArn", arn);
        call(200, "AttachRolePolicy", "RoleName", "app", "PolicyArn", "arn:aws:iam::aws:policy/AmazonS3FullAccess");
        ParsedXml got = call(200, "GetPolicy", "PolicyArn", arn);
        assertEquals("1", got.text("//Policy/AttachmentCount"));
        assertEquals("ops things", got.text("//Policy/Description"));
        ParsedXml attached = call(200, "ListAttachedRolePolicies", "RoleName", "app");
        assertEquals(List.of("Ops", "AmazonS3FullAccess"), attached.texts("//AttachedPolicies/member/PolicyName"));
        assertEquals(arn, attached.text("//AttachedPolicies/member/PolicyArn"));
        ParsedXml entities = call(200, "ListEntitiesForPolicy", "PolicyArn", arn);
        assertEquals(List.of("app"), entities.texts("//PolicyRoles/member/RoleName"));
        assertTrue(entities.texts("//PolicyUsers/member").isEmpty());

        ParsedXml conflict = call(409, "DeletePolicy", "PolicyArn", arn);
        assertEquals("DeleteConflict", conflict.text("//Code"));
        assertEquals(List.of("Ops"), call(200, "ListPolicies", "Scope", "Local").texts("//Policies/member/PolicyName"));
        assertEquals(List.of("AmazonS3FullAccess", "Ops"), call(200, "ListPolicies", "OnlyAttached", "true")
                .texts("//Policies/member/PolicyName"));
    }

    @Test
    void awsManagedPolicyDocumentIsServed() {
        ParsedXml xml = call(200, "GetPolicyVersion", "PolicyArn", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
                "VersionId", "v3");
        String document = decode(xml.text("//PolicyVersion/Document"));
        assertTrue(document.contains("\"s3:Describe*\""), document);
        assertEquals("2023-08-10T21:31:39Z", xml.text("//PolicyVersion/CreateDate"));
    }

    @Test
    void accessKeysShowTheSecretOnlyAtCreation() {
        call(200, "CreateUser", "UserName", "alice");
        ParsedXml created = call(200, "CreateAccessKey", "UserName", "alice");
        String keyId = created.text("//AccessKey/AccessKeyId");
        assertTrue(keyId.matches("AKIA[A-Z0-9]{16}"));
        assertEquals(40, created.text("//AccessKey/SecretAccessKey").length());
        assertEquals("Active", created.text("//AccessKey/Status"));

        call(200, "UpdateAccessKey", "UserName", "alice", "AccessKeyId", keyId, "Status", "Inactive");
        ParsedXml listed = call(200, "ListAccessKeys", "UserName", "alice");
        assertEquals(keyId, listed.text("//AccessKeyMetadata/member/AccessKeyId"));
        assertEquals("Inactive", listed.text("//AccessKeyMetadata/member/Status"));
        assertFalse(listed.has("//SecretAccessKey"));

        call(200, "CreateAccessKey", "UserName", "alice");
        assertEquals("LimitExceeded", call(409, "CreateAccessKey", "UserName", "alice").text("//Code"));
        ParsedXml rootKeys = call(200, "ListAccessKeys");
        assertEquals(IamFixtures.ROOT_KEY, rootKeys.text("//AccessKeyMetadata/member/AccessKeyId"));
    }

    @Test
    void groupsAndMembership() {
        call(200, "CreateUser", "UserName", "alice");
        ParsedXml group = call(200, "CreateGroup", "GroupName", "devs", "Path", "/eng/");
        assertEquals("arn:aws:iam::123456789012:group/eng/devs", group.text("//Group/Arn"));
        assertTrue(group.text("//Group/GroupId").startsWith("AGPA"));
        call(200, "AddUserToGroup", "GroupName", "devs", "UserName", "alice");
        ParsedXml got = call(200, "GetGroup", "GroupName", "devs");
        assertEquals("devs", got.text("//GetGroupResult/Group/GroupName"));
        assertEquals(List.of("alice"), got.texts("//GetGroupResult/Users/member/UserName"));
        assertEquals(List.of("devs"), call(200, "ListGroupsForUser", "UserName", "alice").texts("//Groups/member/GroupName"));
        assertEquals("Cannot delete entity, must remove users from group first.",
                call(409, "DeleteGroup", "GroupName", "devs").text("//Message"));
    }

    @Test
    void tagsAndBoundariesOnRoles() {
        call(200, "CreateRole", "RoleName", "app", "AssumeRolePolicyDocument", TRUST_ACCOUNT);
        call(200, "TagRole", "RoleName", "app", "Tags.member.1.Key", "env", "Tags.member.1.Value", "dev",
                "Tags.member.2.Key", "team", "Tags.member.2.Value", "blue");
        assertEquals(List.of("env", "team"), call(200, "ListRoleTags", "RoleName", "app").texts("//Tags/member/Key"));
        call(200, "UntagRole", "RoleName", "app", "TagKeys.member.1", "env");
        assertEquals(List.of("blue"), call(200, "ListRoleTags", "RoleName", "app").texts("//Tags/member/Value"));

        call(200, "PutRolePermissionsBoundary", "RoleName", "app",
                "PermissionsBoundary", "arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess");
        assertEquals("arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess",
                call(200, "GetRole", "RoleName", "app").text("//Role/PermissionsBoundary/PermissionsBoundaryArn"));
        call(200, "DeleteRolePermissionsBoundary", "RoleName", "app");
        assertNull(call(200, "GetRole", "RoleName", "app").text("//Role/PermissionsBoundary"));
    }

    @Test
    void deleteOperationsAnswerWithoutResult() {
        call(200, "CreateUser", "UserName", "alice");
        ParsedXml deleted = call(200, "DeleteUser", "UserName", "alice");
        assertEquals("DeleteUserResponse", deleted.rootName());
        assertFalse(deleted.has("//DeleteUserResult"));
        assertEquals("req-1", deleted.text("/DeleteUserResponse/ResponseMetadata/RequestId"));
    }

    @Test
    void xmlSpecialCharactersAreEscaped() {
        call(200, "CreateUser", "UserName", "alice", "Tags.member.1.Key", "k", "Tags.member.1.Value", "a+b=c");
        ParsedXml xml = call(200, "ListUserTags", "UserName", "alice");
        assertEquals("a+b=c", xml.text("//Tags/member/Value"));
        ParsedXml error = call(400, "CreateUser", "UserName", "<bad&>");
        assertTrue(error.text("//Message").contains("Value '<bad&>' at 'userName'"));
    }
}
