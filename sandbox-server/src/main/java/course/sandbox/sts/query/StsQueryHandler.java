package course.sandbox.sts.query;

import course.sandbox.protocol.QueryParams;
import course.sandbox.protocol.QueryResponse;
import course.sandbox.protocol.QueryXml;
import course.sandbox.service.ServiceException;
import course.sandbox.iam.IamErrors;

import course.sandbox.iam.Credential;
import course.sandbox.protocol.XmlBuilder;
import course.sandbox.sts.AssumeRoleRequest;
import course.sandbox.sts.AssumeRoleResult;
import course.sandbox.sts.CallerIdentity;
import course.sandbox.sts.SessionCredentials;
import course.sandbox.sts.StsModel;

import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/** STS's Query protocol: GetCallerIdentity, AssumeRole and GetSessionToken. */
public final class StsQueryHandler {
    public static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
    public static final String VERSION = "2011-06-15";

    private final StsModel sts;
    private final Supplier<String> requestIds;

    public StsQueryHandler(StsModel sts) {
        this(sts, () -> UUID.randomUUID().toString());
    }

    public StsQueryHandler(StsModel sts, Supplier<String> requestIds) {
        this.sts = sts;
        this.requestIds = requestIds;
    }

    /**
     * @param form   decoded form parameters, including Action and Version
     * @param caller the credential that signed the request (STS needs to know whether it is
     *               temporary, not only who it belongs to)
     */
    public QueryResponse handle(Map<String, String> form, Credential caller) {
        String requestId = requestIds.get();
        QueryParams p = new QueryParams(form);
        try {
            String action = p.action();
            if (action == null) {
                throw IamErrors.error("MissingAction", "Missing Action", 400);
            }
            XmlBuilder x = new XmlBuilder();
            switch (action) {
                case "GetCallerIdentity" -> {
                    CallerIdentity id = sts.getCallerIdentity(caller.principal());
                    x.element("Arn", id.arn()).element("UserId", id.userId()).element("Account", id.account());
                }
                case "AssumeRole" -> {
                    AssumeRoleResult result = sts.assumeRole(caller, new AssumeRoleRequest(
                            p.required("RoleArn", "roleArn"), p.required("RoleSessionName", "roleSessionName"),
                            p.optionalInt("DurationSeconds", "durationSeconds"), p.optional("Policy"),
                            p.structList("PolicyArns", "arn"), p.optional("ExternalId")));
                    x.open("AssumedRoleUser").element("AssumedRoleId", result.assumedRoleUser().userId())
                            .element("Arn", result.assumedRoleUser().arn()).close("AssumedRoleUser");
                    credentials(x, result.credentials());
                    x.element("PackedPolicySize", result.packedPolicySize().orElse(null));
                }
                case "GetSessionToken" -> credentials(x,
                        sts.getSessionToken(caller, p.optionalInt("DurationSeconds", "durationSeconds")));
                default -> throw IamErrors.error("InvalidAction",
                        "Could not find operation " + action + " for version " + VERSION, 400);
            }
            return QueryXml.success(NAMESPACE, action, x, requestId);
        } catch (ServiceException e) {
            return QueryXml.error(NAMESPACE, e, requestId);
        }
    }

    private static void credentials(XmlBuilder x, SessionCredentials c) {
        x.open("Credentials").element("AccessKeyId", c.accessKeyId()).element("SecretAccessKey", c.secretAccessKey())
                .element("SessionToken", c.sessionToken()).element("Expiration", c.expiration()).close("Credentials");
    }
}
