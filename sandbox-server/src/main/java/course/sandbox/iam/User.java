package course.sandbox.iam;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** An IAM user. */
public final class User extends TaggedEntity {
    /** Group names (lower-cased keys of the model's group map). */
    final Set<String> groupKeys = new TreeSet<>();
    final List<AccessKey> accessKeys = new ArrayList<>();

    User(String name, String path, String id, String arn, Instant createDate) {
        super(name, path, id, arn, createDate);
    }

    public List<AccessKey> accessKeys() {
        return List.copyOf(accessKeys);
    }

    public Principal.User asPrincipal(String accountId) {
        return new Principal.User(accountId, name(), path(), id());
    }
}
