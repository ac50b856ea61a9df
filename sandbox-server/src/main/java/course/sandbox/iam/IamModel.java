package course.sandbox.iam;

import course.sandbox.service.ServiceException;

import course.sandbox.iam.policy.MalformedPolicyException;
import course.sandbox.iam.policy.PolicyKind;
import course.sandbox.iam.policy.PolicySourceType;
import course.sandbox.iam.policy.PolicyValidator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import course.sandbox.service.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The IAM state of one account and AWS's rules for changing it: users, groups, roles, access
 * keys, inline and managed policies, attachments, permissions boundaries and tags.
 *
 * <p>No HTTP here: the Query protocol layer ({@code course.sandbox.iam.query}) calls these
 * methods and renders what they return. Every method throws {@link ServiceException} with AWS's
 * error code and message when a rule is broken. Names are unique case-insensitively, as in IAM.
 * All methods are synchronized on the model, which is also the lock the {@link CredentialStore}
 * uses.
 */
public final class IamModel {
    public static final String DEFAULT_ACCOUNT_ID = "000000000000";
    /** The AWS managed policies the sandbox ships, stored as resources next to this class. */
    public static final List<String> AWS_MANAGED_POLICY_NAMES = List.of(
            "AdministratorAccess", "ReadOnlyAccess", "AmazonS3FullAccess", "AmazonS3ReadOnlyAccess",
            "AmazonDynamoDBFullAccess", "IAMReadOnlyAccess");

    static final int MAX_ACCESS_KEYS_PER_USER = 2;
    static final int MAX_POLICY_VERSIONS = 5;
    static final int MAX_MANAGED_POLICIES_PER_ENTITY = 10;
    static final int MAX_GROUPS_PER_USER = 10;
    static final int MAX_TAGS = 50;
    static final int MANAGED_POLICY_SIZE = 6144;
    static final int TRUST_POLICY_SIZE = 2048;

    private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]+");
    private static final Pattern PATH = Pattern.compile("/|/[\\u0021-\\u007E]+/");
    private static final Pattern TAG_TEXT = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
    private static final Pattern WHITESPACE = Pattern.compile("\\s");

    private final String accountId;
    private final Clock clock;
    private final PolicyValidator validator;
    private final IdGenerator ids;
    private final CredentialStore credentials;
    private final Map<String, ManagedPolicy> awsManagedPolicies;

    // Keys are lower-cased names (IAM names are case-insensitive), so maps iterate in name order.
    private final Map<String, User> users = new TreeMap<>();
    private final Map<String, Group> groups = new TreeMap<>();
    private final Map<String, Role> roles = new TreeMap<>();
    /** Customer managed policies by ARN. */
    private final Map<String, ManagedPolicy> customerPolicies = new TreeMap<>();
    private final Map<String, AccessKey> accessKeysById = new HashMap<>();

    public IamModel(String accountId, String rootAccessKeyId, String rootSecretAccessKey,
                    Clock clock, PolicyValidator validator) {
        this(accountId, rootAccessKeyId, rootSecretAccessKey, clock, validator, new IdGenerator());
    }

    public IamModel(String accountId, String rootAccessKeyId, String rootSecretAccessKey,
                    Clock clock, PolicyValidator validator, IdGenerator ids) {
        if (!accountId.matches("\\d{12}")) {
            throw new IllegalArgumentException("account id must be 12 digits: " + accountId);
        }
        this.accountId = accountId;
        this.clock = clock;
        this.validator = validator;
        this.ids = ids;
        this.credentials = new CredentialStore(this, rootAccessKeyId, rootSecretAccessKey);
        this.awsManagedPolicies = loadAwsManagedPolicies();
    }

    public String accountId() {
        return accountId;
    }

    public Clock clock() {
        return clock;
    }

    public IdGenerator ids() {
        return ids;
    }

    public CredentialStore credentials() {
        return credentials;
    }

    /** Drops every user, group, role, key, customer policy and STS session; keeps root's key. */
    public synchronized void reset() {
        users.clear();
        groups.clear();
        roles.clear();
        customerPolicies.clear();
        accessKeysById.clear();
        credentials.clearSessions();
        awsManagedPolicies.values().forEach(p -> {
            p.attachmentCount = 0;
            p.permissionsBoundaryUsageCount = 0;
        });
    }

    // ---------------------------------------------------------------- users

    public synchronized User createUser(String userName, String path, String permissionsBoundaryArn, List<Tag> tags) {
        checkName(userName, "userName", 64);
        String p = checkPath(path);
        if (users.containsKey(key(userName))) {
            throw IamErrors.entityAlreadyExists("User with name " + userName + " already exists.");
        }
        checkNewTags(tags, Map.of(), "User");
        ManagedPolicy boundary = permissionsBoundaryArn == null ? null : policyForBoundary(permissionsBoundaryArn);
        User user = new User(userName, p, ids.uniqueId("AIDA"), arn("user", p, userName), now());
        tags.forEach(t -> user.tags.put(t.key(), t.value()));
        if (boundary != null) {
            setBoundary(user, boundary);
        }
        users.put(key(userName), user);
        return user;
    }

    public synchronized User getUser(String userName) {
        User user = users.get(key(userName));
        if (user == null) {
            throw IamErrors.noSuchEntity("The user with name " + userName + " cannot be found.");
        }
        return user;
    }

    public synchronized List<User> listUsers(String pathPrefix) {
        return filterByPath(users.values(), pathPrefix, IamEntity::path);
    }

    /** Deletes a user that has no keys, policies or group memberships left, as IAM insists. */
    public synchronized void deleteUser(String userName) {
        User user = getUser(userName);
        if (!user.accessKeys.isEmpty()) {
            throw IamErrors.deleteConflict("Cannot delete entity, must delete access keys first.");
        }
        if (!user.inlinePolicies.isEmpty()) {
            throw IamErrors.deleteConflict("Cannot delete entity, must delete policies first.");
        }
        if (!user.attachedPolicyArns.isEmpty()) {
            throw IamErrors.deleteConflict("Cannot delete entity, must detach all policies first.");
        }
        if (!user.groupKeys.isEmpty()) {
            throw IamErrors.deleteConflict("Cannot delete entity, must remove users from group first.");
        }
        clearBoundary(user);
        users.remove(key(userName));
    }

    // ---------------------------------------------------------------- groups

    public synchronized Group createGroup(String groupName, String path) {
        checkName(groupName, "groupName", 128);
        String p = checkPath(path);
        if (groups.containsKey(key(groupName))) {
            throw IamErrors.entityAlreadyExists("Group with name " + groupName + " already exists.");
        }
        Group group = new Group(groupName, p, ids.uniqueId("AGPA"), arn("group", p, groupName), now());
        groups.put(key(groupName), group);
        return group;
    }

    public synchronized Group getGroup(String groupName) {
        Group group = groups.get(key(groupName));
        if (group == null) {
            throw IamErrors.noSuchEntity("The group with name " + groupName + " cannot be found.");
        }
        return group;
    }

    public synchronized List<Group> listGroups(String pathPrefix) {
        return filterByPath(groups.values(), pathPrefix, IamEntity::path);
    }

    public synchronized List<User> groupMembers(String groupName) {
        return getGroup(groupName).memberKeys.stream().map(users::get).toList();
    }

    public synchronized List<Group> listGroupsForUser(String userName) {
        return getUser(userName).groupKeys.stream().map(groups::get).toList();
    }

    public synchronized void deleteGroup(String groupName) {
        Group group = getGroup(groupName);
        if (!group.memberKeys.isEmpty()) {
            throw IamErrors.deleteConflict("Cannot delete entity, must remove users from group first.");
        }
        if (!group.inlinePolicies.isEmpty()) {
            throw IamErrors.deleteConflict("Cannot delete entity, must delete policies first.");
        }
        if (!group.attachedPolicyArns.isEmpty()) {
            throw IamErrors.deleteConflict("Cannot delete entity, must detach all policies first.");
        }
        groups.remove(key(groupName));
    }

    /** Adding a user who is already a member is a no-op, as in IAM. */
    public synchronized void addUserToGroup(String groupName, String userName) {
        Group group = getGroup(groupName);
        User user = getUser(userName);
        if (user.groupKeys.contains(key(groupName))) {
            return;
        }
        if (user.groupKeys.size() >= MAX_GROUPS_PER_USER) {
            throw IamErrors.limitExceeded("Cannot exceed quota for GroupsPerUser: " + MAX_GROUPS_PER_USER);
        }
        user.groupKeys.add(key(groupName));
        group.memberKeys.add(key(userName));
    }

    public synchronized void removeUserFromGroup(String groupName, String userName) {
        Group group = getGroup(groupName);
        User user = getUser(userName);
        if (!group.memberKeys.remove(key(userName))) {
            throw IamErrors.noSuchEntity("The user with name " + userName
                    + " cannot be found in group " + groupName + ".");
        }
        user.groupKeys.remove(key(groupName));
    }

    // ---------------------------------------------------------------- roles

    /**
     * @param maxSessionDuration seconds, 3600..43200; null means 3600
     */
    public synchronized Role createRole(String roleName, String path, String assumeRolePolicyDocument,
                                        String description, Integer maxSessionDuration,
                                        String permissionsBoundaryArn, List<Tag> tags) {
        checkName(roleName, "roleName", 64);
        String p = checkPath(path);
        checkDescription(description);
        int duration = checkMaxSessionDuration(maxSessionDuration);
        checkTrustPolicy(assumeRolePolicyDocument);
        if (roles.containsKey(key(roleName))) {
            throw IamErrors.entityAlreadyExists("Role with name " + roleName + " already exists.");
        }
        checkNewTags(tags, Map.of(), "Role");
        ManagedPolicy boundary = permissionsBoundaryArn == null ? null : policyForBoundary(permissionsBoundaryArn);
        Role role = new Role(roleName, p, ids.uniqueId("AROA"), arn("role", p, roleName), now());
        role.assumeRolePolicyDocument = assumeRolePolicyDocument;
        role.description = description;
        role.maxSessionDuration = duration;
        tags.forEach(t -> role.tags.put(t.key(), t.value()));
        if (boundary != null) {
            setBoundary(role, boundary);
        }
        roles.put(key(roleName), role);
        return role;
    }

    public synchronized Role getRole(String roleName) {
        Role role = roles.get(key(roleName));
        if (role == null) {
            throw IamErrors.noSuchEntity("The role with name " + roleName + " cannot be found.");
        }
        return role;
    }

    /** The role an ARN names, if it exists in this account. */
    public synchronized Optional<Role> findRoleByArn(String roleArn) {
        String prefix = "arn:aws:iam::" + accountId + ":role/";
        if (roleArn == null || !roleArn.startsWith(prefix)) {
            return Optional.empty();
        }
        String name = roleArn.substring(roleArn.lastIndexOf('/') + 1);
        return Optional.ofNullable(roles.get(key(name))).filter(r -> r.arn().equals(roleArn));
    }

    public synchronized List<Role> listRoles(String pathPrefix) {
        return filterByPath(roles.values(), pathPrefix, IamEntity::path);
    }

    public synchronized void deleteRole(String roleName) {
        Role role = getRole(roleName);
        if (!role.inlinePolicies.isEmpty()) {
            throw IamErrors.deleteConflict("Cannot delete entity, must delete policies first.");
        }
        if (!role.attachedPolicyArns.isEmpty()) {
            throw IamErrors.deleteConflict("Cannot delete entity, must detach all policies first.");
        }
        clearBoundary(role);
        roles.remove(key(roleName));
    }

    public synchronized void updateAssumeRolePolicy(String roleName, String policyDocument) {
        Role role = getRole(roleName);
        checkTrustPolicy(policyDocument);
        role.assumeRolePolicyDocument = policyDocument;
    }

    /** UpdateRole: null leaves a field unchanged. */
    public synchronized void updateRole(String roleName, String description, Integer maxSessionDuration) {
        Role role = getRole(roleName);
        checkDescription(description);
        if (maxSessionDuration != null) {
            role.maxSessionDuration = checkMaxSessionDuration(maxSessionDuration);
        }
        if (description != null) {
            role.description = description;
        }
    }

    // ---------------------------------------------------------------- access keys

    public synchronized AccessKey createAccessKey(String userName) {
        User user = getUser(userName);
        if (user.accessKeys.size() >= MAX_ACCESS_KEYS_PER_USER) {
            throw IamErrors.limitExceeded("Cannot exceed quota for AccessKeysPerUser: " + MAX_ACCESS_KEYS_PER_USER);
        }
        String id;
        do {
            id = ids.accessKeyId("AKIA");
        } while (accessKeysById.containsKey(id) || id.equals(credentials.rootAccessKeyId()));
        AccessKey key = new AccessKey(id, ids.secretAccessKey(), user.name(), now());
        user.accessKeys.add(key);
        accessKeysById.put(id, key);
        return key;
    }

    public synchronized List<AccessKey> listAccessKeys(String userName) {
        return getUser(userName).accessKeys();
    }

    public synchronized void updateAccessKey(String userName, String accessKeyId, AccessKey.Status status) {
        userKey(userName, accessKeyId).status = status;
    }

    public synchronized void deleteAccessKey(String userName, String accessKeyId) {
        AccessKey key = userKey(userName, accessKeyId);
        getUser(userName).accessKeys.remove(key);
        accessKeysById.remove(accessKeyId);
    }

    synchronized Optional<AccessKey> findAccessKey(String accessKeyId) {
        return Optional.ofNullable(accessKeysById.get(accessKeyId));
    }

    private AccessKey userKey(String userName, String accessKeyId) {
        User user = getUser(userName);
        return user.accessKeys.stream().filter(k -> k.accessKeyId().equals(accessKeyId)).findFirst()
                .orElseThrow(() -> IamErrors.noSuchEntity(
                        "The Access Key with id " + accessKeyId + " cannot be found."));
    }

    // ---------------------------------------------------------------- inline policies

    /** Whose inline policy or attachment an operation is about. */
    public enum EntityType {
        USER("user", 2048), GROUP("group", 5120), ROLE("role", 10240);

        final String word;
        /** IAM's quota on the summed size of an entity's inline policies, whitespace excluded. */
        final int inlinePolicyQuota;

        EntityType(String word, int inlinePolicyQuota) {
            this.word = word;
            this.inlinePolicyQuota = inlinePolicyQuota;
        }
    }

    public synchronized void putInlinePolicy(EntityType type, String entityName, String policyName, String document) {
        IamEntity entity = entity(type, entityName);
        checkName(policyName, "policyName", 128);
        validate(document, PolicyKind.IDENTITY);
        int total = size(document);
        for (Map.Entry<String, String> e : entity.inlinePolicies.entrySet()) {
            if (!e.getKey().equals(policyName)) {
                total += size(e.getValue());
            }
        }
        if (total > type.inlinePolicyQuota) {
            throw IamErrors.limitExceeded("Maximum policy size of " + type.inlinePolicyQuota
                    + " bytes exceeded for " + type.word + " " + entity.name());
        }
        entity.inlinePolicies.put(policyName, document);
    }

    public synchronized String getInlinePolicy(EntityType type, String entityName, String policyName) {
        String document = entity(type, entityName).inlinePolicies.get(policyName);
        if (document == null) {
            throw noSuchInlinePolicy(type, policyName);
        }
        return document;
    }

    public synchronized List<String> listInlinePolicies(EntityType type, String entityName) {
        return entity(type, entityName).inlinePolicyNames();
    }

    public synchronized void deleteInlinePolicy(EntityType type, String entityName, String policyName) {
        if (entity(type, entityName).inlinePolicies.remove(policyName) == null) {
            throw noSuchInlinePolicy(type, policyName);
        }
    }

    private static ServiceException noSuchInlinePolicy(EntityType type, String policyName) {
        return IamErrors.noSuchEntity("The " + type.word + " policy with name " + policyName + " cannot be found.");
    }

    private IamEntity entity(EntityType type, String name) {
        return switch (type) {
            case USER -> getUser(name);
            case GROUP -> getGroup(name);
            case ROLE -> getRole(name);
        };
    }

    // ---------------------------------------------------------------- managed policies

    public synchronized ManagedPolicy createPolicy(String policyName, String path, String document, String description) {
        checkName(policyName, "policyName", 128);
        String p = checkPath(path);
        if (description != null && description.length() > 1000) {
            throw IamErrors.constraint(description, "description", "Member must have length less than or equal to 1000");
        }
        checkManagedDocument(document);
        String arn = arn("policy", p, policyName);
        boolean nameTaken = customerPolicies.values().stream().anyMatch(cp -> key(cp.name()).equals(key(policyName)));
        if (nameTaken) {
            throw IamErrors.entityAlreadyExists("A policy called " + policyName
                    + " already exists. Duplicate names are not allowed.");
        }
        Instant now = now();
        ManagedPolicy policy = new ManagedPolicy(policyName, p, ids.uniqueId("ANPA"), arn, description, now, false);
        policy.versions.put(1, new PolicyVersion("v1", document, now, true));
        policy.defaultVersionId = "v1";
        policy.nextVersionNumber = 2;
        customerPolicies.put(arn, policy);
        return policy;
    }

    /** A customer or AWS managed policy by ARN; NoSuchEntity as IAM words it otherwise. */
    public synchronized ManagedPolicy getPolicy(String policyArn) {
        checkPolicyArn(policyArn);
        ManagedPolicy policy = customerPolicies.get(policyArn);
        if (policy == null) {
            policy = awsManagedPolicies.get(policyArn);
        }
        if (policy == null) {
            throw IamErrors.noSuchEntity("Policy " + policyArn + " does not exist or is not attachable.");
        }
        return policy;
    }

    /** The default version's document of a managed policy, for session policies (PolicyArns). */
    public synchronized Optional<String> managedPolicyDocument(String policyArn) {
        ManagedPolicy policy = customerPolicies.getOrDefault(policyArn, awsManagedPolicies.get(policyArn));
        return Optional.ofNullable(policy).map(p -> p.defaultVersion().document());
    }

    public enum PolicyScope { All, AWS, Local }

    /** ListPolicies: AWS managed first (as IAM does for scope All), then customer managed. */
    public synchronized List<ManagedPolicy> listPolicies(PolicyScope scope, boolean onlyAttached, String pathPrefix) {
        List<ManagedPolicy> all = new ArrayList<>();
        if (scope != PolicyScope.Local) {
            all.addAll(awsManagedPolicies.values());
        }
        if (scope != PolicyScope.AWS) {
            all.addAll(customerPolicies.values());
        }
        List<ManagedPolicy> result = filterByPath(all, pathPrefix, ManagedPolicy::path);
        return onlyAttached ? result.stream().filter(p -> p.attachmentCount > 0).toList() : result;
    }

    public synchronized void deletePolicy(String policyArn) {
        ManagedPolicy policy = customerPolicy(policyArn);
        if (policy.attachmentCount > 0 || policy.permissionsBoundaryUsageCount > 0) {
            throw IamErrors.deleteConflict("Cannot delete a policy attached to entities.");
        }
        if (policy.versions.size() > 1) {
            throw IamErrors.deleteConflict("This policy has more than one version. "
                    + "Before you delete a policy, you must delete the policy's versions. "
                    + "The default version is deleted with the policy.");
        }
        customerPolicies.remove(policyArn);
    }

    public synchronized PolicyVersion createPolicyVersion(String policyArn, String document, boolean setAsDefault) {
        ManagedPolicy policy = customerPolicy(policyArn);
        checkManagedDocument(document);
        if (policy.versions.size() >= MAX_POLICY_VERSIONS) {
            throw IamErrors.limitExceeded("A managed policy can have up to " + MAX_POLICY_VERSIONS
                    + " versions. Before you create a new version, you must delete an existing version.");
        }
        int number = policy.nextVersionNumber++;
        String versionId = "v" + number;
        Instant now = now();
        policy.versions.put(number, new PolicyVersion(versionId, document, now, false));
        if (setAsDefault) {
            policy.defaultVersionId = versionId;
            policy.updateDate = now;
        }
        return policy.version(versionId).orElseThrow();
    }

    public synchronized PolicyVersion getPolicyVersion(String policyArn, String versionId) {
        ManagedPolicy policy = getPolicy(policyArn);
        return policy.version(checkVersionId(versionId)).orElseThrow(() -> noSuchVersion(policyArn, versionId));
    }

    public synchronized List<PolicyVersion> listPolicyVersions(String policyArn) {
        return getPolicy(policyArn).versions();
    }

    public synchronized void deletePolicyVersion(String policyArn, String versionId) {
        ManagedPolicy policy = customerPolicy(policyArn);
        PolicyVersion version = policy.version(checkVersionId(versionId)).orElseThrow(() -> noSuchVersion(policyArn, versionId));
        if (version.isDefaultVersion()) {
            throw IamErrors.deleteConflict("Cannot delete the default version of a policy.");
        }
        policy.versions.remove(ManagedPolicy.versionNumber(versionId));
    }

    public synchronized void setDefaultPolicyVersion(String policyArn, String versionId) {
        ManagedPolicy policy = customerPolicy(policyArn);
        policy.version(checkVersionId(versionId)).orElseThrow(() -> noSuchVersion(policyArn, versionId));
        policy.defaultVersionId = versionId;
        policy.updateDate = now();
    }

    private static ServiceException noSuchVersion(String policyArn, String versionId) {
        return IamErrors.noSuchEntity("Policy " + policyArn + " version " + versionId
                + " does not exist or is not attachable.");
    }

    private static String checkVersionId(String versionId) {
        if (versionId == null || !versionId.matches("v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?")) {
            throw IamErrors.constraint(versionId, "versionId",
                    "Member must satisfy regular expression pattern: v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?");
        }
        return versionId;
    }

    /** A policy this account may change: AWS managed ones are read-only to customers. */
    private ManagedPolicy customerPolicy(String policyArn) {
        ManagedPolicy policy = getPolicy(policyArn);
        if (policy.awsManaged()) {
            throw IamErrors.accessDenied("User: arn:aws:iam::" + accountId
                    + ":root is not authorized to perform this operation on resource: " + policyArn
                    + " because it is an AWS managed policy");
        }
        return policy;
    }

    // ---------------------------------------------------------------- attachments

    public synchronized void attachPolicy(EntityType type, String entityName, String policyArn) {
        IamEntity entity = entity(type, entityName);
        ManagedPolicy policy = getPolicy(policyArn);
        if (entity.attachedPolicyArns.contains(policyArn)) {
            return;
        }
        if (entity.attachedPolicyArns.size() >= MAX_MANAGED_POLICIES_PER_ENTITY) {
            String quota = switch (type) {
                case USER -> "PoliciesPerUser";
                case GROUP -> "PoliciesPerGroup";
                case ROLE -> "PoliciesPerRole";
            };
            throw IamErrors.limitExceeded("Cannot exceed quota for " + quota + ": " + MAX_MANAGED_POLICIES_PER_ENTITY);
        }
        entity.attachedPolicyArns.add(policyArn);
        policy.attachmentCount++;
    }

    public synchronized void detachPolicy(EntityType type, String entityName, String policyArn) {
        IamEntity entity = entity(type, entityName);
        ManagedPolicy policy = getPolicy(policyArn);
        if (!entity.attachedPolicyArns.remove(policyArn)) {
            throw IamErrors.noSuchEntity("Policy " + policyArn + " was not found.");
        }
        policy.attachmentCount--;
    }

    public synchronized List<ManagedPolicy> listAttachedPolicies(EntityType type, String entityName, String pathPrefix) {
        List<ManagedPolicy> attached = entity(type, entityName).attachedPolicyArns.stream().map(this::getPolicy).toList();
        return filterByPath(attached, pathPrefix, ManagedPolicy::path);
    }

    /** ListEntitiesForPolicy's answer. */
    public record PolicyEntities(List<Group> groups, List<User> users, List<Role> roles) {}

    public synchronized PolicyEntities listEntitiesForPolicy(String policyArn) {
        getPolicy(policyArn);
        return new PolicyEntities(
                groups.values().stream().filter(g -> g.attachedPolicyArns.contains(policyArn)).toList(),
                users.values().stream().filter(u -> u.attachedPolicyArns.contains(policyArn)).toList(),
                roles.values().stream().filter(r -> r.attachedPolicyArns.contains(policyArn)).toList());
    }

    // ---------------------------------------------------------------- permissions boundaries

    /** Put(User|Role)PermissionsBoundary; only users and roles have boundaries. */
    public synchronized void putPermissionsBoundary(EntityType type, String entityName, String policyArn) {
        TaggedEntity entity = taggedEntity(type, entityName);
        ManagedPolicy policy = policyForBoundary(policyArn);
        clearBoundary(entity);
        setBoundary(entity, policy);
    }

    public synchronized void deletePermissionsBoundary(EntityType type, String entityName) {
        TaggedEntity entity = taggedEntity(type, entityName);
        if (entity.permissionsBoundaryArn == null) {
            throw IamErrors.noSuchEntity("The " + type.word + " with name " + entityName
                    + " does not have a permissions boundary.");
        }
        clearBoundary(entity);
    }

    private ManagedPolicy policyForBoundary(String policyArn) {
        try {
            return getPolicy(policyArn);
        } catch (ServiceException e) {
            if (e.code().equals("NoSuchEntity")) {
                throw IamErrors.noSuchEntity("Scope ARN: " + policyArn + " does not exist or is not attachable.");
            }
            throw e;
        }
    }

    private void setBoundary(TaggedEntity entity, ManagedPolicy policy) {
        entity.permissionsBoundaryArn = policy.arn();
        policy.permissionsBoundaryUsageCount++;
    }

    private void clearBoundary(TaggedEntity entity) {
        if (entity.permissionsBoundaryArn != null) {
            getPolicy(entity.permissionsBoundaryArn).permissionsBoundaryUsageCount--;
            entity.permissionsBoundaryArn = null;
        }
    }

    private TaggedEntity taggedEntity(EntityType type, String name) {
        return switch (type) {
            case USER -> getUser(name);
            case ROLE -> getRole(name);
            case GROUP -> throw new IllegalArgumentException("groups have no tags or permissions boundary");
        };
    }

    // ---------------------------------------------------------------- tags

    /** TagUser / TagRole: adds tags, replacing the value of keys already present. */
    public synchronized void tag(EntityType type, String entityName, List<Tag> tags) {
        TaggedEntity entity = taggedEntity(type, entityName);
        checkNewTags(tags, entity.tags, type == EntityType.USER ? "User" : "Role");
        tags.forEach(t -> entity.tags.put(t.key(), t.value()));
    }

    /** UntagUser / UntagRole: keys not present are ignored, as in IAM. */
    public synchronized void untag(EntityType type, String entityName, List<String> tagKeys) {
        TaggedEntity entity = taggedEntity(type, entityName);
        tagKeys.forEach(entity.tags::remove);
    }

    public synchronized List<Tag> listTags(EntityType type, String entityName) {
        return taggedEntity(type, entityName).tags();
    }

    private void checkNewTags(List<Tag> tags, Map<String, String> existing, String entityWord) {
        Map<String, String> merged = new LinkedHashMap<>(existing);
        Set<String> seen = new HashSet<>();
        for (Tag tag : tags) {
            if (tag.key() == null || tag.key().isEmpty() || tag.key().length() > 128 || !TAG_TEXT.matcher(tag.key()).matches()) {
                throw IamErrors.constraint(tag.key(), "tags.member.key",
                        "Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");
            }
            String value = tag.value() == null ? "" : tag.value();
            if (value.length() > 256 || !TAG_TEXT.matcher(value).matches()) {
                throw IamErrors.constraint(value, "tags.member.value",
                        "Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
            }
            if (!seen.add(tag.key().toLowerCase(Locale.ROOT))) {
                throw IamErrors.invalidInput("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
            }
            merged.put(tag.key(), value);
        }
        if (merged.size() > MAX_TAGS) {
            throw IamErrors.limitExceeded("Cannot exceed quota for TagsPer" + entityWord + ": " + MAX_TAGS);
        }
    }

    // ---------------------------------------------------------------- for the policy engine

    /**
     * The identity policies, boundary and tags of a principal: for a user its inline and
     * attached policies, then those of each of its groups; for a role session, the role's.
     * Root has none (the engine treats root as allowed). Session policies live on the
     * {@link Credential}, not here.
     */
    public synchronized PrincipalPolicies principalPolicies(Principal principal) {
        if (principal instanceof Principal.User u) {
            User user = getUser(u.userName());
            List<IdentityPolicy> list = new ArrayList<>();
            addInline(list, user, PolicySourceType.USER_INLINE);
            addAttached(list, user);
            for (String groupKey : user.groupKeys) {
                Group group = groups.get(groupKey);
                addInline(list, group, PolicySourceType.GROUP_INLINE);
                addAttached(list, group);
            }
            return new PrincipalPolicies(principal, List.copyOf(list), boundaryDocument(user), user.tags());
        }
        if (principal instanceof Principal.AssumedRole session) {
            Role role = getRole(session.roleName());
            List<IdentityPolicy> list = new ArrayList<>();
            addInline(list, role, PolicySourceType.ROLE_INLINE);
            addAttached(list, role);
            return new PrincipalPolicies(principal, List.copyOf(list), boundaryDocument(role), role.tags());
        }
        return new PrincipalPolicies(principal, List.of(), Optional.empty(), List.of());
    }

    /**
     * What IAM's simulator weighs for SimulatePrincipalPolicy: a user's or role's policies as
     * {@link #principalPolicies}, or a group's own inline and attached policies.
     *
     * @throws IllegalArgumentException when the ARN names no user, group or role of this account
     */
    public synchronized PrincipalPolicies simulationPolicies(String arn) {
        String prefix = "arn:aws:iam::" + accountId + ":";
        if (arn == null || !arn.startsWith(prefix)) {
            throw new IllegalArgumentException("not an entity of this account: " + arn);
        }
        String resource = arn.substring(prefix.length());
        String name = resource.substring(resource.lastIndexOf('/') + 1);
        if (resource.startsWith("user/")) {
            return principalPolicies(getUser(name).asPrincipal(accountId));
        }
        if (resource.startsWith("role/")) {
            Role role = getRole(name);
            return principalPolicies(new Principal.AssumedRole(accountId, role.name(), role.path(), role.id(), "simulation"));
        }
        if (resource.startsWith("group/")) {
            Group group = getGroup(name);
            List<IdentityPolicy> list = new ArrayList<>();
            addInline(list, group, PolicySourceType.GROUP_INLINE);
            addAttached(list, group);
            return new PrincipalPolicies(new Principal.Root(accountId), List.copyOf(list), Optional.empty(), List.of());
        }
        throw new IllegalArgumentException("not a user, group or role: " + arn);
    }

    private void addInline(List<IdentityPolicy> list, IamEntity entity, PolicySourceType type) {
        entity.inlinePolicies.forEach((name, doc) ->
                list.add(new IdentityPolicy(type, entity.arn() + "#" + name, name, doc)));
    }

    private void addAttached(List<IdentityPolicy> list, IamEntity entity) {
        for (String arn : entity.attachedPolicyArns) {
            ManagedPolicy p = getPolicy(arn);
            list.add(new IdentityPolicy(p.awsManaged() ? PolicySourceType.AWS_MANAGED : PolicySourceType.CUSTOMER_MANAGED,
                    arn, p.name(), p.defaultVersion().document()));
        }
    }

    private Optional<String> boundaryDocument(TaggedEntity entity) {
        return entity.permissionsBoundaryArn().map(arn -> getPolicy(arn).defaultVersion().document());
    }

    // ---------------------------------------------------------------- checks and helpers

    private Instant now() {
        return clock.instant();
    }

    private static String key(String name) {
        return name == null ? "" : name.toLowerCase(Locale.ROOT);
    }

    private String arn(String type, String path, String name) {
        return "arn:aws:iam::" + accountId + ":" + type + path + name;
    }

    static void checkName(String name, String member, int maxLength) {
        if (name == null) {
            throw IamErrors.missing(member);
        }
        if (name.isEmpty()) {
            throw IamErrors.constraint(name, member, "Member must have length greater than or equal to 1");
        }
        if (name.length() > maxLength) {
            throw IamErrors.constraint(name, member, "Member must have length less than or equal to " + maxLength);
        }
        if (!NAME.matcher(name).matches()) {
            throw IamErrors.constraint(name, member, "Member must satisfy regular expression pattern: [\\w+=,.@-]+");
        }
    }

    private static String checkPath(String path) {
        if (path == null) {
            return "/";
        }
        if (path.length() > 512 || !PATH.matcher(path).matches()) {
            throw IamErrors.validation("The specified value for path is invalid. It must begin and end with / "
                    + "and contain only alphanumeric characters and/or / characters.");
        }
        return path;
    }

    private static void checkDescription(String description) {
        if (description != null && description.length() > 1000) {
            throw IamErrors.constraint(description, "description", "Member must have length less than or equal to 1000");
        }
    }

    private static int checkMaxSessionDuration(Integer seconds) {
        if (seconds == null) {
            return 3600;
        }
        if (seconds < 3600) {
            throw IamErrors.constraint(seconds, "maxSessionDuration", "Member must have value greater than or equal to 3600");
        }
        if (seconds > 43200) {
            throw IamErrors.constraint(seconds, "maxSessionDuration", "Member must have value less than or equal to 43200");
        }
        return seconds;
    }

    private void checkTrustPolicy(String document) {
        requireDocument(document, "assumeRolePolicyDocument");
        validate(document, PolicyKind.TRUST);
        if (size(document) > TRUST_POLICY_SIZE) {
            throw IamErrors.limitExceeded("Cannot exceed quota for ACLSizePerRole: " + TRUST_POLICY_SIZE);
        }
    }

    private void checkManagedDocument(String document) {
        requireDocument(document, "policyDocument");
        validate(document, PolicyKind.IDENTITY);
        if (size(document) > MANAGED_POLICY_SIZE) {
            throw IamErrors.limitExceeded("Cannot exceed quota for PolicySize: " + MANAGED_POLICY_SIZE);
        }
    }

    private static void requireDocument(String document, String member) {
        if (document == null) {
            throw IamErrors.missing(member);
        }
    }

    /**
     * Runs the policy validator, turning its verdict into MalformedPolicyDocument; STS uses
     * this for session policies.
     */
    public void validate(String document, PolicyKind kind) {
        requireDocument(document, "policyDocument");
        try {
            validator.validate(document, kind);
        } catch (MalformedPolicyException e) {
            throw IamErrors.malformedPolicy(e.getMessage());
        }
    }

    /** IAM counts policy size without whitespace. */
    private static int size(String document) {
        return WHITESPACE.matcher(document).replaceAll("").length();
    }

    private void checkPolicyArn(String policyArn) {
        if (policyArn == null || policyArn.length() < 20) {
            throw IamErrors.constraint(policyArn, "policyArn", "Member must have length greater than or equal to 20");
        }
        if (!policyArn.matches("arn:aws:iam::(aws|\\d{12}):policy/.+")) {
            throw IamErrors.invalidInput("ARN " + policyArn + " is not valid.");
        }
    }

    private static <T> List<T> filterByPath(Collection<T> items, String pathPrefix,
                                            Function<T, String> path) {
        if (pathPrefix != null && !pathPrefix.matches("/[\\u0021-\\u007F]*")) {
            throw IamErrors.constraint(pathPrefix, "pathPrefix",
                    "Member must satisfy regular expression pattern: \\u002F[\\u0021-\\u007F]*");
        }
        String prefix = pathPrefix == null ? "/" : pathPrefix;
        return items.stream().filter(i -> path.apply(i).startsWith(prefix)).toList();
    }

    private Map<String, ManagedPolicy> loadAwsManagedPolicies() {
        ObjectMapper json = new ObjectMapper();
        Map<String, ManagedPolicy> policies = new TreeMap<>();
        for (String name : AWS_MANAGED_POLICY_NAMES) {
            String resource = "aws-managed-policies/" + name + ".json";
            try (InputStream in = IamModel.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + resource);
                }
                JsonNode node = json.readTree(in);
                String arn = "arn:aws:iam::aws:policy" + node.get("Path").asText() + name;
                ManagedPolicy policy = new ManagedPolicy(name, node.get("Path").asText(), node.get("PolicyId").asText(),
                        arn, node.get("Description").asText(), Instant.parse(node.get("CreateDate").asText()), true);
                String versionId = node.get("DefaultVersionId").asText();
                Instant updated = Instant.parse(node.get("UpdateDate").asText());
                policy.updateDate = updated;
                policy.defaultVersionId = versionId;
                int number = ManagedPolicy.versionNumber(versionId);
                policy.nextVersionNumber = number + 1;
                policy.versions.put(number, new PolicyVersion(versionId,
                        json.writerWithDefaultPrettyPrinter().writeValueAsString(node.get("Document")), updated, true));
                policies.put(arn, policy);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return policies;
    }
}
