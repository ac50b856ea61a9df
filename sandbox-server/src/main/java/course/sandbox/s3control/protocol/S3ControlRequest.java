package course.sandbox.s3control.protocol;

import course.sandbox.auth.SigV4;
import course.sandbox.protocol.FormParameters;
import course.sandbox.s3control.S3ControlErrors;
import course.sandbox.service.ServiceException;
import course.sandbox.service.ServiceRequest;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An S3 Control request, addressed: its operation (from method and path), the account of its
 * x-amz-account-id header, and the access point name or job id its path names.
 *
 * @param subject the access point's name or the job's id, null when the path names neither
 */
record S3ControlRequest(ServiceRequest service, S3ControlOperation operation, String account, String subject,
                        Map<String, String> params) {
    static final String PATH_PREFIX = "/v20180820/";
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    static S3ControlRequest of(ServiceRequest request) {
        String method = request.http().method();
        String rawPath = request.http().rawPath();
        String[] segments = rawPath.startsWith(PATH_PREFIX)
                ? rawPath.substring(PATH_PREFIX.length()).split("/", -1) : new String[0];
        S3ControlOperation.Path path = null;
        String subject = null;
        if (segments.length >= 1 && segments[0].equals("accesspoint")) {
            if (segments.length == 1 || (segments.length == 2 && segments[1].isEmpty())) {
                path = S3ControlOperation.Path.ACCESS_POINTS;
            } else {
                subject = SigV4.percentDecode(segments[1]);
                path = segments.length == 2 ? S3ControlOperation.Path.ACCESS_POINT
                        : segments.length == 3 && segments[2].equals("policy") ? S3ControlOperation.Path.ACCESS_POINT_POLICY
                        : segments.length == 3 && segments[2].equals("policyStatus")
                        ? S3ControlOperation.Path.ACCESS_POINT_POLICY_STATUS : null;
            }
        } else if (segments.length == 2 && segments[0].equals("configuration") && segments[1].equals("publicAccessBlock")) {
            path = S3ControlOperation.Path.PUBLIC_ACCESS_BLOCK;
        } else if (segments.length >= 1 && segments[0].equals("jobs")) {
            if (segments.length == 1) {
                path = S3ControlOperation.Path.JOBS;
            } else {
                subject = SigV4.percentDecode(segments[1]);
                path = segments.length == 2 ? S3ControlOperation.Path.JOB
                        : segments.length == 3 && segments[2].equals("status") ? S3ControlOperation.Path.JOB_STATUS
                        : segments.length == 3 && segments[2].equals("priority") ? S3ControlOperation.Path.JOB_PRIORITY : null;
            }
        }
        S3ControlOperation.Path found = path;
        S3ControlOperation operation = Optional.ofNullable(found).flatMap(p -> S3ControlOperation.of(method, p))
                .orElseThrow(() -> S3ControlErrors.notImplemented("Amazon S3 Control " + method + " "
                        + rawPath.replaceAll("\\?.*", "")));
        return new S3ControlRequest(request, operation, account(request), subject, FormParameters.parse(request.http().rawQuery()));
    }

    /**
     * The account of x-amz-account-id, which every S3 Control request carries (and the SDK also
     * puts in front of the host name): required, twelve digits, the caller's own.
     */
    private static String account(ServiceRequest request) {
        String account = request.http().headers().first("x-amz-account-id").map(String::strip).orElse(null);
        if (account == null || account.isEmpty()) {
            throw S3ControlErrors.invalidRequest("Missing required header for this request: x-amz-account-id");
        }
        if (!ACCOUNT.matcher(account).matches()) {
            throw S3ControlErrors.invalidRequest("Invalid account id: x-amz-account-id must be 12 digits.");
        }
        if (request.caller().credential().isPresent() && !request.caller().principal().accountId().equals(account)) {
            throw new ServiceException(403, "AccessDenied", "Access Denied");
        }
        String host = request.http().host();
        if (host.matches("\\d{12}\\..*") && !host.startsWith(account + ".")) {
            throw S3ControlErrors.invalidRequest("The account id in the host name does not match x-amz-account-id.");
        }
        return account;
    }

    Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name));
    }

    String region() {
        return service.region();
    }

    byte[] body() {
        return service.body();
    }
}
