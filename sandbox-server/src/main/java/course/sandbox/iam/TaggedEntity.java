package course.sandbox.iam;

import course.sandbox.service.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A user or role: taggable, and may carry a permissions boundary. */
public abstract class TaggedEntity extends IamEntity {
    final Map<String, String> tags = new LinkedHashMap<>();
    String permissionsBoundaryArn;

    TaggedEntity(String name, String path, String id, String arn, Instant createDate) {
        super(name, path, id, arn, createDate);
    }

    public List<Tag> tags() {
        List<Tag> list = new ArrayList<>();
        tags.forEach((k, v) -> list.add(new Tag(k, v)));
        return list;
    }

    public Optional<String> permissionsBoundaryArn() {
        return Optional.ofNullable(permissionsBoundaryArn);
    }
}
