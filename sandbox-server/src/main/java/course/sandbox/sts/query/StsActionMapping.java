package course.sandbox.sts.query;

import course.sandbox.iam.query.RequiredPermission;

import java.util.Map;
import java.util.Optional;

/**
 * What permission each STS action needs. GetCallerIdentity and GetSessionToken need none:
 * AWS answers them whatever the caller's policies say.
 */
public final class StsActionMapping {
    private StsActionMapping() {
    }

    /** Empty when the action needs no permission or is unknown (the handler rejects it). */
    public static Optional<RequiredPermission> requiredPermission(Map<String, String> form) {
        String action = form.get("Action");
        if ("AssumeRole".equals(action) && form.get("RoleArn") != null) {
            return Optional.of(new RequiredPermission("sts:AssumeRole", form.get("RoleArn")));
        }
        return Optional.empty();
    }
}
