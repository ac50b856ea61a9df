package course.sandbox.iam.query;

import course.sandbox.protocol.QueryParams;
import course.sandbox.protocol.QueryResponse;
import course.sandbox.protocol.QueryXml;
import course.sandbox.service.ServiceException;
import course.sandbox.iam.IamErrors;

import course.sandbox.iam.AccessKey;
import course.sandbox.iam.Group;
import course.sandbox.iam.IamModel.EntityType;
import course.sandbox.iam.IamModel;
import course.sandbox.iam.ManagedPolicy;
import course.sandbox.iam.PolicyVersion;
import course.sandbox.iam.Principal;
import course.sandbox.iam.Role;
import course.sandbox.iam.TaggedEntity;
import course.sandbox.iam.User;
import course.sandbox.protocol.XmlBuilder;
import course.sandbox.service.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * IAM's Query protocol: decoded form parameters ({@code Action=CreateUser&UserName=...}) in,
 * IAM's XML out. Authentication and authorization happen before; this only needs the caller
 * for operations whose UserName defaults to the caller (GetUser, ListAccessKeys, ...).
 */
public final class IamQueryHandler {
    public static final String NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";
    public static final String VERSION = "2010-05-08";

    private final IamModel iam;
    private final Supplier<String> requestIds;

    public IamQueryHandler(IamModel iam) {
        this(iam, () -> UUID.randomUUID().toString());
    }

    public IamQueryHandler(IamModel iam, Supplier<String> requestIds) {
        this.iam = iam;
        this.requestIds = requestIds;
    }

    /**
     * @param form   decoded form parameters, including Action and Version
     * @param caller the authenticated principal
     */
    public QueryResponse handle(Map<String, String> form, Principal caller) {
        String requestId = requestIds.get();
        QueryParams params = new QueryParams(form);
        try {
            String action = params.action();
            if (action == null) {
                throw IamErrors.error("MissingAction", "Missing Action", 400);
            }
            XmlBuilder result = new XmlBuilder();
            boolean hasResult = dispatch(action, params, caller, result);
            return QueryXml.success(NAMESPACE, action, hasResult ? result : null, requestId);
        } catch (ServiceException e) {
            return QueryXml.error(NAMESPACE, e, requestId);
        }
    }

    /** Runs one action; writes its Result content and says whether it has one. */
    private boolean dispatch(String action, QueryParams p, Principal caller, XmlBuilder x) {
        switch (action) {
            // ---- users
            case "CreateUser" -> user(x, iam.createUser(p.required("UserName", "userName"), p.optional("Path"),
                    p.optional("PermissionsBoundary"), tags(p)), true);
            case "GetUser" -> getUser(x, p, caller);
            case "ListUsers" -> list(x, p, "Users", iam.listUsers(p.optional("PathPrefix")), (xml, u) -> user(xml, u, false));
            case "DeleteUser" -> { iam.deleteUser(p.required("UserName", "userName")); return false; }
            // ---- groups
            case "CreateGroup" -> group(x.open("Group"), iam.createGroup(p.required("GroupName", "groupName"),
                    p.optional("Path"))).close("Group");
            case "GetGroup" -> {
                String name = p.required("GroupName", "groupName");
                group(x.open("Group"), iam.getGroup(name)).close("Group");
                list(x, p, "Users", iam.groupMembers(name), (xml, u) -> user(xml, u, false));
            }
            case "ListGroups" -> list(x, p, "Groups", iam.listGroups(p.optional("PathPrefix")), IamQueryHandler::group);
            case "ListGroupsForUser" -> list(x, p, "Groups",
                    iam.listGroupsForUser(p.required("UserName", "userName")), IamQueryHandler::group);
            case "DeleteGroup" -> { iam.deleteGroup(p.required("GroupName", "groupName")); return false; }
            case "AddUserToGroup" -> {
                iam.addUserToGroup(p.required("GroupName", "groupName"), p.required("UserName", "userName"));
                return false;
            }
            case "RemoveUserFromGroup" -> {
                iam.removeUserFromGroup(p.required("GroupName", "groupName"), p.required("UserName", "userName"));
                return false;
            }
            // ---- roles
            case "CreateRole" -> role(x, iam.createRole(p.required("RoleName", "roleName"), p.optional("Path"),
                    p.required("AssumeRolePolicyDocument", "assumeRolePolicyDocument"), p.optional("Description"),
                    p.optionalInt("MaxSessionDuration", "maxSessionDuration"), p.optional("PermissionsBoundary"),
                    tags(p)), true);
            case "GetRole" -> role(x, iam.getRole(p.required("RoleName", "roleName")), true);
            case "ListRoles" -> list(x, p, "Roles", iam.listRoles(p.optional("PathPrefix")), (xml, r) -> role(xml, r, false));
            case "DeleteRole" -> { iam.deleteRole(p.required("RoleName", "roleName")); return false; }
            case "UpdateAssumeRolePolicy" -> {
                iam.updateAssumeRolePolicy(p.required("RoleName", "roleName"), p.required("PolicyDocument", "policyDocument"));
                return false;
            }
            case "UpdateRole" -> iam.updateRole(p.required("RoleName", "roleName"), p.optional("Description"),
                    p.optionalInt("MaxSessionDuration", "maxSessionDuration"));
            // ---- access keys
            case "CreateAccessKey" -> {
                AccessKey key = iam.createAccessKey(userNameOrCaller(p, caller));
                x.open("AccessKey").element("UserName", key.userName()).element("AccessKeyId", key.accessKeyId())
                        .element("Status", key.status()).element("SecretAccessKey", key.secretAccessKey())
                        .element("CreateDate", key.createDate()).close("AccessKey");
            }
            case "ListAccessKeys" -> listAccessKeys(x, p, caller);
            case "UpdateAccessKey" -> {
                iam.updateAccessKey(userNameOrCaller(p, caller), p.required("AccessKeyId", "accessKeyId"),
                        accessKeyStatus(p.required("Status", "status")));
                return false;
            }
            case "DeleteAccessKey" -> {
                iam.deleteAccessKey(userNameOrCaller(p, caller), p.required("AccessKeyId", "accessKeyId"));
                return false;
            }
            // ---- inline policies
            case "PutUserPolicy" -> { putInline(p, EntityType.USER); return false; }
            case "PutGroupPolicy" -> { putInline(p, EntityType.GROUP); return false; }
            case "PutRolePolicy" -> { putInline(p, EntityType.ROLE); return false; }
            case "GetUserPolicy" -> getInline(x, p, EntityType.USER);
            case "GetGroupPolicy" -> getInline(x, p, EntityType.GROUP);
            case "GetRolePolicy" -> getInline(x, p, EntityType.ROLE);
            case "ListUserPolicies" -> listInline(x, p, EntityType.USER);
            case "ListGroupPolicies" -> listInline(x, p, EntityType.GROUP);
            case "ListRolePolicies" -> listInline(x, p, EntityType.ROLE);
            case "DeleteUserPolicy" -> { deleteInline(p, EntityType.USER); return false; }
            case "DeleteGroupPolicy" -> { deleteInline(p, EntityType.GROUP); return false; }
            case "DeleteRolePolicy" -> { deleteInline(p, EntityType.ROLE); return false; }
            // ---- managed policies
            case "CreatePolicy" -> policy(x, iam.createPolicy(p.required("PolicyName", "policyName"), p.optional("Path"),
                    p.required("PolicyDocument", "policyDocument"), p.optional("Description")), false);
            case "GetPolicy" -> policy(x, iam.getPolicy(policyArn(p)), true);
            case "ListPolicies" -> list(x, p, "Policies", iam.listPolicies(scope(p.optional("Scope")),
                    p.optionalBoolean("OnlyAttached"), p.optional("PathPrefix")), (xml, pol) -> policyFields(xml, pol, false));
            case "DeletePolicy" -> { iam.deletePolicy(policyArn(p)); return false; }
            case "CreatePolicyVersion" -> version(x, iam.createPolicyVersion(policyArn(p),
                    p.required("PolicyDocument", "policyDocument"), p.optionalBoolean("SetAsDefault")), false);
            case "GetPolicyVersion" -> version(x, iam.getPolicyVersion(policyArn(p),
                    p.required("VersionId", "versionId")), true);
            case "ListPolicyVersions" -> list(x, p, "Versions", iam.listPolicyVersions(policyArn(p)),
                    (xml, v) -> versionFields(xml, v, false));
            case "DeletePolicyVersion" -> {
                iam.deletePolicyVersion(policyArn(p), p.required("VersionId", "versionId"));
                return false;
            }
            case "SetDefaultPolicyVersion" -> {
                iam.setDefaultPolicyVersion(policyArn(p), p.required("VersionId", "versionId"));
                return false;
            }
            // ---- attachments
            case "AttachUserPolicy" -> { attach(p, EntityType.USER); return false; }
            case "AttachGroupPolicy" -> { attach(p, EntityType.GROUP); return false; }
            case "AttachRolePolicy" -> { attach(p, EntityType.ROLE); return false; }
            case "DetachUserPolicy" -> { detach(p, EntityType.USER); return false; }
            case "DetachGroupPolicy" -> { detach(p, EntityType.GROUP); return false; }
            case "DetachRolePolicy" -> { detach(p, EntityType.ROLE); return false; }
            case "ListAttachedUserPolicies" -> listAttached(x, p, EntityType.USER);
            case "ListAttachedGroupPolicies" -> listAttached(x, p, EntityType.GROUP);
            case "ListAttachedRolePolicies" -> listAttached(x, p, EntityType.ROLE);
            case "ListEntitiesForPolicy" -> listEntitiesForPolicy(x, p);
            // ---- permissions boundaries
            case "PutUserPermissionsBoundary" -> {
                iam.putPermissionsBoundary(EntityType.USER, p.required("UserName", "userName"),
                        p.required("PermissionsBoundary", "permissionsBoundary"));
                return false;
            }
            case "PutRolePermissionsBoundary" -> {
                iam.putPermissionsBoundary(EntityType.ROLE, p.required("RoleName", "roleName"),
                        p.required("PermissionsBoundary", "permissionsBoundary"));
                return false;
            }
            case "DeleteUserPermissionsBoundary" -> {
                iam.deletePermissionsBoundary(EntityType.USER, p.required("UserName", "userName"));
                return false;
            }
            case "DeleteRolePermissionsBoundary" -> {
                iam.deletePermissionsBoundary(EntityType.ROLE, p.required("RoleName", "roleName"));
                return false;
            }
            // ---- tags
            case "TagUser" -> { iam.tag(EntityType.USER, p.required("UserName", "userName"), requiredTags(p)); return false; }
            case "TagRole" -> { iam.tag(EntityType.ROLE, p.required("RoleName", "roleName"), requiredTags(p)); return false; }
            case "UntagUser" -> {
                iam.untag(EntityType.USER, p.required("UserName", "userName"), p.list("TagKeys"));
                return false;
            }
            case "UntagRole" -> {
                iam.untag(EntityType.ROLE, p.required("RoleName", "roleName"), p.list("TagKeys"));
                return false;
            }
            case "ListUserTags" -> list(x, p, "Tags", iam.listTags(EntityType.USER, p.required("UserName", "userName")),
                    IamQueryHandler::tag);
            case "ListRoleTags" -> list(x, p, "Tags", iam.listTags(EntityType.ROLE, p.required("RoleName", "roleName")),
                    IamQueryHandler::tag);
            default -> throw IamErrors.error("InvalidAction",
                    "Could not find operation " + action + " for version " + VERSION, 400);
        }
        return true;
    }

    // ---------------------------------------------------------------- operations with caller defaults

    private void getUser(XmlBuilder x, QueryParams p, Principal caller) {
        String name = p.optional("UserName");
        if (name == null && caller instanceof Principal.Root root) {
            x.open("User").element("UserId", root.userId()).element("Arn", root.arn()).close("User");
            return;
        }
        user(x, iam.getUser(name != null ? name : callerUserName(caller)), true);
    }

    private void listAccessKeys(XmlBuilder x, QueryParams p, Principal caller) {
        if (p.optional("UserName") == null && caller instanceof Principal.Root) {
            // Root's own key lives in the credential store, not on a user.
            x.open("AccessKeyMetadata").open("member")
                    .element("AccessKeyId", iam.credentials().rootAccessKeyId()).element("Status", "Active")
                    .close("member").close("AccessKeyMetadata").element("IsTruncated", false);
            return;
        }
        list(x, p, "AccessKeyMetadata", iam.listAccessKeys(userNameOrCaller(p, caller)), (xml, k) -> xml
                .element("UserName", k.userName()).element("AccessKeyId", k.accessKeyId())
                .element("Status", k.status()).element("CreateDate", k.createDate()));
    }

    private static String userNameOrCaller(QueryParams p, Principal caller) {
        String name = p.optional("UserName");
        return name != null ? name : callerUserName(caller);
    }

    private static String callerUserName(Principal caller) {
        if (caller instanceof Principal.User user) {
            return user.userName();
        }
        throw IamErrors.validation("Must specify userName when calling with non-User credentials");
    }

    // ---------------------------------------------------------------- inline and attached policies

    private static String entityName(QueryParams p, EntityType type) {
        return switch (type) {
            case USER -> p.required("UserName", "userName");
            case GROUP -> p.required("GroupName", "groupName");
            case ROLE -> p.required("RoleName", "roleName");
        };
    }

    private static String nameElement(EntityType type) {
        return switch (type) {
            case USER -> "UserName";
            case GROUP -> "GroupName";
            case ROLE -> "RoleName";
        };
    }

    private void putInline(QueryParams p, EntityType type) {
        iam.putInlinePolicy(type, entityName(p, type), p.required("PolicyName", "policyName"),
                p.required("PolicyDocument", "policyDocument"));
    }

    private void getInline(XmlBuilder x, QueryParams p, EntityType type) {
        String entity = entityName(p, type);
        String policyName = p.required("PolicyName", "policyName");
        String document = iam.getInlinePolicy(type, entity, policyName);
        x.element(nameElement(type), entity).element("PolicyName", policyName)
                .element("PolicyDocument", QueryXml.urlEncode(document));
    }

    private void listInline(XmlBuilder x, QueryParams p, EntityType type) {
        list(x, p, "PolicyNames", iam.listInlinePolicies(type, entityName(p, type)), null);
    }

    private void deleteInline(QueryParams p, EntityType type) {
        iam.deleteInlinePolicy(type, entityName(p, type), p.required("PolicyName", "policyName"));
    }

    private void attach(QueryParams p, EntityType type) {
        iam.attachPolicy(type, entityName(p, type), policyArn(p));
    }

    private void detach(QueryParams p, EntityType type) {
        iam.detachPolicy(type, entityName(p, type), policyArn(p));
    }

    private void listAttached(XmlBuilder x, QueryParams p, EntityType type) {
        list(x, p, "AttachedPolicies", iam.listAttachedPolicies(type, entityName(p, type), p.optional("PathPrefix")),
                (xml, pol) -> xml.element("PolicyName", pol.name()).element("PolicyArn", pol.arn()));
    }

    private void listEntitiesForPolicy(XmlBuilder x, QueryParams p) {
        IamModel.PolicyEntities entities = iam.listEntitiesForPolicy(policyArn(p));
        x.open("PolicyGroups");
        entities.groups().forEach(g -> x.open("member").element("GroupName", g.name()).element("GroupId", g.id()).close("member"));
        x.close("PolicyGroups").open("PolicyUsers");
        entities.users().forEach(u -> x.open("member").element("UserName", u.name()).element("UserId", u.id()).close("member"));
        x.close("PolicyUsers").open("PolicyRoles");
        entities.roles().forEach(r -> x.open("member").element("RoleName", r.name()).element("RoleId", r.id()).close("member"));
        x.close("PolicyRoles").element("IsTruncated", false);
    }

    private static String policyArn(QueryParams p) {
        return p.required("PolicyArn", "policyArn");
    }

    private static IamModel.PolicyScope scope(String value) {
        if (value == null) {
            return IamModel.PolicyScope.All;
        }
        try {
            return IamModel.PolicyScope.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw IamErrors.constraint(value, "scope", "Member must satisfy enum value set: [All, AWS, Local]");
        }
    }

    private static AccessKey.Status accessKeyStatus(String value) {
        try {
            return AccessKey.Status.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw IamErrors.constraint(value, "status", "Member must satisfy enum value set: [Active, Inactive]");
        }
    }

    /** {@code Tags.member.N.Key} / {@code .Value}. */
    private static List<Tag> tags(QueryParams p) {
        List<Tag> tags = new ArrayList<>();
        for (int i = 1; p.optional("Tags.member." + i + ".Key") != null; i++) {
            String value = p.optional("Tags.member." + i + ".Value");
            tags.add(new Tag(p.optional("Tags.member." + i + ".Key"), value == null ? "" : value));
        }
        return tags;
    }

    private static List<Tag> requiredTags(QueryParams p) {
        List<Tag> tags = tags(p);
        if (tags.isEmpty()) {
            throw IamErrors.missing("tags");
        }
        return tags;
    }

    // ---------------------------------------------------------------- rendering

    /**
     * A paginated list: {@code <wrapper><member>...</member></wrapper><IsTruncated/>[<Marker/>]}.
     * With a null renderer, members are plain text (e.g. PolicyNames).
     */
    private static <T> void list(XmlBuilder x, QueryParams p, String wrapper, List<T> all, BiConsumer<XmlBuilder, T> render) {
        Page<T> page = Page.of(all, p);
        x.open(wrapper);
        for (T item : page.items()) {
            if (render == null) {
                x.element("member", item);
            } else {
                x.open("member");
                render.accept(x, item);
                x.close("member");
            }
        }
        x.close(wrapper);
        page.appendTruncation(x);
    }

    /** User fields; {@code wrap} adds the User element with the boundary and tags GetUser/CreateUser return. */
    private static void user(XmlBuilder x, User u, boolean wrap) {
        if (wrap) {
            x.open("User");
        }
        x.element("Path", u.path()).element("UserName", u.name()).element("UserId", u.id())
                .element("Arn", u.arn()).element("CreateDate", u.createDate());
        if (wrap) {
            boundaryAndTags(x, u);
            x.close("User");
        }
    }

    private static XmlBuilder group(XmlBuilder x, Group g) {
        return x.element("Path", g.path()).element("GroupName", g.name()).element("GroupId", g.id())
                .element("Arn", g.arn()).element("CreateDate", g.createDate());
    }

    /** Role fields; {@code wrap} adds the Role element with the boundary and tags GetRole/CreateRole return. */
    private static void role(XmlBuilder x, Role r, boolean wrap) {
        if (wrap) {
            x.open("Role");
        }
        x.element("Path", r.path()).element("RoleName", r.name()).element("RoleId", r.id())
                .element("Arn", r.arn()).element("CreateDate", r.createDate())
                .element("AssumeRolePolicyDocument", QueryXml.urlEncode(r.assumeRolePolicyDocument()))
                .element("Description", r.description().orElse(null))
                .element("MaxSessionDuration", r.maxSessionDuration());
        if (wrap) {
            boundaryAndTags(x, r);
            x.close("Role");
        }
    }

    private static void boundaryAndTags(XmlBuilder x, TaggedEntity e) {
        e.permissionsBoundaryArn().ifPresent(arn -> x.open("PermissionsBoundary")
                .element("PermissionsBoundaryType", "PermissionsBoundaryPolicy")
                .element("PermissionsBoundaryArn", arn).close("PermissionsBoundary"));
        if (!e.tags().isEmpty()) {
            x.open("Tags");
            e.tags().forEach(t -> {
                x.open("member");
                tag(x, t);
                x.close("member");
            });
            x.close("Tags");
        }
    }

    private static void tag(XmlBuilder x, Tag t) {
        x.element("Key", t.key()).element("Value", t.value());
    }

    private static void policy(XmlBuilder x, ManagedPolicy pol, boolean withDescription) {
        x.open("Policy");
        policyFields(x, pol, withDescription);
        x.close("Policy");
    }

    private static void policyFields(XmlBuilder x, ManagedPolicy pol, boolean withDescription) {
        x.element("PolicyName", pol.name()).element("DefaultVersionId", pol.defaultVersionId())
                .element("PolicyId", pol.id()).element("Path", pol.path()).element("Arn", pol.arn())
                .element("AttachmentCount", pol.attachmentCount())
                .element("PermissionsBoundaryUsageCount", pol.permissionsBoundaryUsageCount())
                .element("IsAttachable", true);
        if (withDescription) {
            x.element("Description", pol.description().orElse(null));
        }
        x.element("CreateDate", pol.createDate()).element("UpdateDate", pol.updateDate());
    }

    private static void version(XmlBuilder x, PolicyVersion v, boolean withDocument) {
        x.open("PolicyVersion");
        versionFields(x, v, withDocument);
        x.close("PolicyVersion");
    }

    private static void versionFields(XmlBuilder x, PolicyVersion v, boolean withDocument) {
        if (withDocument) {
            x.element("Document", QueryXml.urlEncode(v.document()));
        }
        x.element("VersionId", v.versionId()).element("IsDefaultVersion", v.isDefaultVersion())
                .element("CreateDate", v.createDate());
    }
}
