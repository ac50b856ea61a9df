package course.sandbox.iam;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What users, groups and roles share: name, path, id, ARN, creation time, inline policies and
 * attached managed policies. Read access is public; only {@link IamModel} changes state.
 */
public abstract class IamEntity {
    private final String name;
    private final String path;
    private final String id;
    private final String arn;
    private final Instant createDate;
    /** Inline policies by name, in name order as IAM lists them. */
    final Map<String, String> inlinePolicies = new TreeMap<>();
    /** Attached managed policy ARNs, in attachment order. */
    final Set<String> attachedPolicyArns = new LinkedHashSet<>();

    IamEntity(String name, String path, String id, String arn, Instant createDate) {
        this.name = name;
        this.path = path;
        this.id = id;
        this.arn = arn;
        this.createDate = createDate;
    }

    public String name() {
        return name;
    }

    public String path() {
        return path;
    }

    public String id() {
        return id;
    }

    public String arn() {
        return arn;
    }

    public Instant createDate() {
        return createDate;
    }

    public List<String> inlinePolicyNames() {
        return new ArrayList<>(inlinePolicies.keySet());
    }

    public List<String> attachedPolicyArns() {
        return new ArrayList<>(attachedPolicyArns);
    }
}
