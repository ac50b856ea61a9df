package course.sandbox.iam.query;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every IAM action the sandbox serves, with the kind of resource its permission names. The
 * pipeline runs nothing else: an action missing here is InvalidAction, never unauthorized.
 * {@code IamOperationTest} checks each action the handlers serve is listed here.
 */
public enum IamOperation {
    CreateUser(Target.USER), GetUser(Target.USER), DeleteUser(Target.USER), ListGroupsForUser(Target.USER),
    CreateAccessKey(Target.USER), ListAccessKeys(Target.USER), UpdateAccessKey(Target.USER), DeleteAccessKey(Target.USER),
    PutUserPolicy(Target.USER), GetUserPolicy(Target.USER), ListUserPolicies(Target.USER), DeleteUserPolicy(Target.USER),
    AttachUserPolicy(Target.USER), DetachUserPolicy(Target.USER), ListAttachedUserPolicies(Target.USER),
    PutUserPermissionsBoundary(Target.USER), DeleteUserPermissionsBoundary(Target.USER), TagUser(Target.USER),
    UntagUser(Target.USER), ListUserTags(Target.USER),
    CreateGroup(Target.GROUP), GetGroup(Target.GROUP), DeleteGroup(Target.GROUP), AddUserToGroup(Target.GROUP),
    RemoveUserFromGroup(Target.GROUP), PutGroupPolicy(Target.GROUP), GetGroupPolicy(Target.GROUP),
    ListGroupPolicies(Target.GROUP), DeleteGroupPolicy(Target.GROUP), AttachGroupPolicy(Target.GROUP),
    DetachGroupPolicy(Target.GROUP), ListAttachedGroupPolicies(Target.GROUP),
    CreateRole(Target.ROLE), GetRole(Target.ROLE), DeleteRole(Target.ROLE), UpdateAssumeRolePolicy(Target.ROLE),
    UpdateRole(Target.ROLE), PutRolePolicy(Target.ROLE), GetRolePolicy(Target.ROLE), ListRolePolicies(Target.ROLE),
    DeleteRolePolicy(Target.ROLE), AttachRolePolicy(Target.ROLE), DetachRolePolicy(Target.ROLE),
    ListAttachedRolePolicies(Target.ROLE), PutRolePermissionsBoundary(Target.ROLE),
    DeleteRolePermissionsBoundary(Target.ROLE), TagRole(Target.ROLE), UntagRole(Target.ROLE), ListRoleTags(Target.ROLE),
    CreatePolicy(Target.POLICY), GetPolicy(Target.POLICY), DeletePolicy(Target.POLICY), CreatePolicyVersion(Target.POLICY),
    GetPolicyVersion(Target.POLICY), ListPolicyVersions(Target.POLICY), DeletePolicyVersion(Target.POLICY),
    SetDefaultPolicyVersion(Target.POLICY), ListEntitiesForPolicy(Target.POLICY),
    ListUsers(Target.ANY), ListGroups(Target.ANY), ListRoles(Target.ANY), ListPolicies(Target.ANY),
    SimulatePrincipalPolicy(Target.SIMULATOR), SimulateCustomPolicy(Target.SIMULATOR),
    GetContextKeysForPrincipalPolicy(Target.SIMULATOR), GetContextKeysForCustomPolicy(Target.SIMULATOR);

    /** What kind of resource an action's permission names. */
    public enum Target { USER, GROUP, ROLE, POLICY, ANY, SIMULATOR }

    private final Target target;

    IamOperation(Target target) {
        this.target = target;
    }

    public Target target() {
        return target;
    }

    public static Optional<IamOperation> of(String action) {
        return Arrays.stream(values()).filter(operation -> operation.name().equals(action)).findFirst();
    }
}
