package course.sandbox.s3;

import course.sandbox.service.ServiceException;

import java.util.List;
import java.util.regex.Pattern;

/** AWS's naming rules for general purpose buckets. */
public final class BucketNames {
    private static final Pattern ALLOWED = Pattern.compile("[a-z0-9][a-z0-9.-]*[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final List<String> RESERVED_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
    private static final List<String> RESERVED_SUFFIXES =
            List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3");

    private BucketNames() {}

    public static boolean isValid(String name) {
        if (name == null || name.length() < 3 || name.length() > 63) {
            return false;
        }
        if (!ALLOWED.matcher(name).matches() || name.contains("..") || IP_ADDRESS.matcher(name).matches()) {
            return false;
        }
        return RESERVED_PREFIXES.stream().noneMatch(name::startsWith)
                && RESERVED_SUFFIXES.stream().noneMatch(name::endsWith);
    }

    /** @throws ServiceException InvalidBucketName (400) when the name breaks a rule */
    public static void requireValid(String name) {
        if (!isValid(name)) {
            throw S3Errors.error("InvalidBucketName", 400, "The specified bucket is not valid.", "/" + name)
                    .detail("BucketName", String.valueOf(name));
        }
    }
}
