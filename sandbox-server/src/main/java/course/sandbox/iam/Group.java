package course.sandbox.iam;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/** An IAM group. */
public final class Group extends IamEntity {
    /** Member user names (lower-cased keys of the model's user map). */
    final Set<String> memberKeys = new TreeSet<>();

    Group(String name, String path, String id, String arn, Instant createDate) {
        super(name, path, id, arn, createDate);
    }
}
