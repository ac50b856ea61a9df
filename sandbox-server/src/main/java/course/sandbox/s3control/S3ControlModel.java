package course.sandbox.s3control;

import course.sandbox.iam.policy.MalformedPolicyException;
import course.sandbox.iam.policy.PolicyDocument;
import course.sandbox.iam.policy.PolicyKind;
import course.sandbox.iam.policy.Statement;
import course.sandbox.s3.AccessPoint;
import course.sandbox.s3.AccessPointDirectory;
import course.sandbox.s3.BucketInfo;
import course.sandbox.s3.PublicAccessBlock;
import course.sandbox.s3.S3Store;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * S3 Control's state and rules: access points (name, bucket, network origin, their own policy
 * and Block Public Access) and each account's Block Public Access. No HTTP. S3 reads access
 * points through {@link AccessPointDirectory}; Batch Operations jobs live in {@link BatchJobs}.
 */
public final class S3ControlModel implements AccessPointDirectory {
    /** https://docs.aws.amazon.com/AmazonS3/latest/userguide/creating-access-points.html#access-points-names */
    private static final Pattern NAME = Pattern.compile("[a-z0-9](?:[a-z0-9-]{1,48})[a-z0-9]");
    private static final String ALIAS_SUFFIX = "-s3alias";
    private static final String ALIAS_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    /** AWS aliases read {@code <up to 20 characters of the name>-<34 random characters>-s3alias}. */
    private static final int ALIAS_NAME_CHARACTERS = 20;
    private static final int ALIAS_RANDOM_CHARACTERS = 34;
    public static final int MAX_RESULTS = 1000;

    private final S3Store store;
    private final Clock clock;
    private final Predicate<PolicyDocument> isPublic;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, AccessPoint> accessPoints = new ConcurrentHashMap<>();
    private final Map<String, String> keysByAlias = new ConcurrentHashMap<>();
    private final Map<String, PublicAccessBlock> accountBlocks = new ConcurrentHashMap<>();
    private final Optional<S3ControlFiles> files;

    /**
     * In memory.
     *
     * @param store    the buckets access points open onto
     * @param isPublic whether a policy is public as S3 defines it (Block Public Access decides on it)
     */
    public S3ControlModel(S3Store store, Clock clock, Predicate<PolicyDocument> isPublic) {
        this(store, clock, isPublic, Optional.empty());
    }

    /** Kept in {@code dataDirectory} when given, across restarts. */
    public S3ControlModel(S3Store store, Clock clock, Predicate<PolicyDocument> isPublic, Optional<Path> dataDirectory) {
        this.store = store;
        this.clock = clock;
        this.isPublic = isPublic;
        this.files = dataDirectory.map(S3ControlFiles::new);
        files.ifPresent(stored -> {
            S3ControlFiles.StoredState state = stored.load();
            for (S3ControlFiles.StoredAccessPoint point : state.accessPoints()) {
                AccessPoint accessPoint = point.accessPoint();
                accessPoints.put(key(accessPoint.account(), accessPoint.region(), accessPoint.name()), accessPoint);
                keysByAlias.put(accessPoint.alias(), key(accessPoint.account(), accessPoint.region(), accessPoint.name()));
            }
            accountBlocks.putAll(state.accountBlocks());
        });
    }

    public synchronized void reset() {
        accessPoints.clear();
        keysByAlias.clear();
        accountBlocks.clear();
        save();
    }

    private void save() {
        files.ifPresent(stored -> stored.save(accessPoints.values(), accountBlocks));
    }

    // ------------------------------------------------------------------ access points

    /**
     * Creates an access point on a bucket of the same Region. Without a configuration of its own,
     * its Block Public Access settings are all on, as AWS creates them.
     *
     * @param vpcId the VPC for a VPC-only access point, or null for an Internet one
     * @param block its Block Public Access settings, or null for all on
     */
    public synchronized AccessPoint createAccessPoint(String account, String region, String name, String bucket, String vpcId,
                                                      PublicAccessBlock block) {
        checkName(name);
        if (bucket == null || bucket.isEmpty()) {
            throw S3ControlErrors.malformedXml();
        }
        if (accessPoints.containsKey(key(account, region, name))) {
            throw S3ControlErrors.accessPointAlreadyOwnedByYou(name);
        }
        BucketInfo info = store.headBucket(bucket);
        if (!info.region().equals(region)) {
            throw S3ControlErrors.invalidRequest("The access point must be created in the Region of its bucket ("
                    + info.region() + "), not " + region + ".");
        }
        if (vpcId != null && vpcId.isBlank()) {
            throw S3ControlErrors.invalidRequest("VpcId must not be empty.");
        }
        AccessPoint accessPoint = new AccessPoint(name, account, region, bucket, vpcId,
                block == null ? PublicAccessBlock.ALL_ON : block, newAlias(name), clock.instant(), null);
        accessPoints.put(key(account, region, name), accessPoint);
        keysByAlias.put(accessPoint.alias(), key(account, region, name));
        save();
        return accessPoint;
    }

    public AccessPoint getAccessPoint(String account, String region, String name) {
        return find(account, region, name).orElseThrow(() -> S3ControlErrors.noSuchAccessPoint(name));
    }

    /** One page of the account's access points in a Region, by name, optionally of one bucket. */
    public Page listAccessPoints(String account, String region, String bucket, String after, int maxResults) {
        if (maxResults < 0 || maxResults > MAX_RESULTS) {
            throw S3ControlErrors.invalidRequest("maxResults must be between 0 and " + MAX_RESULTS + ".");
        }
        int limit = maxResults == 0 ? MAX_RESULTS : maxResults;
        List<AccessPoint> matching = accessPoints.values().stream()
                .filter(point -> point.account().equals(account) && point.region().equals(region))
                .filter(point -> bucket == null || point.bucket().equals(bucket))
                .filter(point -> after == null || point.name().compareTo(after) > 0)
                .sorted(Comparator.comparing(AccessPoint::name))
                .toList();
        List<AccessPoint> page = matching.subList(0, Math.min(limit, matching.size()));
        String next = matching.size() > limit ? page.get(page.size() - 1).name() : null;
        return new Page(page, next);
    }

    /** A page of access points and the name after which the next page starts, null on the last page. */
    public record Page(List<AccessPoint> accessPoints, String nextAfter) {
    }

    public synchronized void deleteAccessPoint(String account, String region, String name) {
        AccessPoint removed = accessPoints.remove(key(account, region, name));
        if (removed == null) {
            throw S3ControlErrors.noSuchAccessPoint(name);
        }
        keysByAlias.remove(removed.alias());
        save();
    }

    /**
     * Sets the access point's policy: S3's policy grammar, resources of this access point only
     * (itself or {@code ARN/object/…}), and no public policy while BlockPublicPolicy is on for the
     * access point or the account.
     * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html
     */
    public synchronized void putAccessPointPolicy(String account, String region, String name, String json, String callerArn) {
        AccessPoint accessPoint = getAccessPoint(account, region, name);
        PolicyDocument document;
        try {
            document = PolicyDocument.parse(json, PolicyKind.RESOURCE);
        } catch (MalformedPolicyException e) {
            throw S3ControlErrors.malformedPolicy(e.getMessage());
        }
        for (Statement statement : document.statements()) {
            for (String resource : statement.resources()) {
                if (!coversOnly(accessPoint, resource)) {
                    throw S3ControlErrors.malformedPolicy("Policy has invalid resource");
                }
            }
        }
        boolean blocked = accessPoint.publicAccessBlock().blockPublicPolicy()
                || accountPublicAccessBlock(account).blockPublicPolicy();
        if (blocked && isPublic.test(document)) {
            throw S3ControlErrors.accessDenied("User: " + callerArn + " is not authorized to perform: s3:PutAccessPointPolicy"
                    + " on resource: \"" + accessPoint.arn() + "\" because public policies are blocked by the"
                    + " BlockPublicPolicy block public access setting.");
        }
        accessPoints.put(key(account, region, name), accessPoint.withPolicy(json));
        save();
    }

    public String getAccessPointPolicy(String account, String region, String name) {
        return getAccessPoint(account, region, name).policyDocument()
                .orElseThrow(() -> S3ControlErrors.noSuchAccessPointPolicy(name));
    }

    public synchronized void deleteAccessPointPolicy(String account, String region, String name) {
        AccessPoint accessPoint = getAccessPoint(account, region, name);
        accessPoints.put(key(account, region, name), accessPoint.withPolicy(null));
        save();
    }

    /** GetAccessPointPolicyStatus: whether the access point's policy is public. */
    public boolean isPolicyPublic(String account, String region, String name) {
        return isPublic.test(PolicyDocument.parse(getAccessPointPolicy(account, region, name), PolicyKind.RESOURCE));
    }

    private static boolean coversOnly(AccessPoint accessPoint, String resource) {
        String arn = accessPoint.arn();
        if (!resource.startsWith(arn)) {
            return false;
        }
        String rest = resource.substring(arn.length());
        return rest.isEmpty() || rest.equals("*") || rest.startsWith("/object/") || rest.equals("/*");
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.endsWith(ALIAS_SUFFIX)) {
            throw S3ControlErrors.invalidName();
        }
    }

    private String newAlias(String name) {
        StringBuilder alias = new StringBuilder(name.substring(0, Math.min(name.length(), ALIAS_NAME_CHARACTERS))).append('-');
        for (int i = 0; i < ALIAS_RANDOM_CHARACTERS; i++) {
            alias.append(ALIAS_ALPHABET.charAt(random.nextInt(ALIAS_ALPHABET.length())));
        }
        return alias.append(ALIAS_SUFFIX).toString();
    }

    private static String key(String account, String region, String name) {
        return account + "/" + region + "/" + name;
    }

    @Override
    public Optional<AccessPoint> find(String account, String region, String name) {
        return Optional.ofNullable(accessPoints.get(key(account, region, name)));
    }

    @Override
    public Optional<AccessPoint> byAlias(String alias) {
        return Optional.ofNullable(keysByAlias.get(alias)).map(accessPoints::get);
    }

    // ------------------------------------------------------------------ account-level Block Public Access

    public synchronized void putPublicAccessBlock(String account, PublicAccessBlock block) {
        accountBlocks.put(account, block);
        save();
    }

    public PublicAccessBlock getPublicAccessBlock(String account) {
        PublicAccessBlock block = accountBlocks.get(account);
        if (block == null) {
            throw S3ControlErrors.noSuchPublicAccessBlockConfiguration(account);
        }
        return block;
    }

    public synchronized void deletePublicAccessBlock(String account) {
        accountBlocks.remove(account);
        save();
    }

    @Override
    public PublicAccessBlock accountPublicAccessBlock(String account) {
        return accountBlocks.getOrDefault(account, PublicAccessBlock.NONE);
    }
}
