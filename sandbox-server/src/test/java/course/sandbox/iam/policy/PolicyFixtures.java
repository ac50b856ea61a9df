package course.sandbox.iam.policy;

import java.util.LinkedHashMap;
import java.util.Map;

/** Compact builders for test policies; a backtick stands for a double quote in JSON snippets. */
final class PolicyFixtures {

    static final String ACCOUNT = "111122223333";
    static final String OTHER_ACCOUNT = "444455556666";
    static final String ALICE_ARN = "arn:aws:iam::111122223333:user/alice";
    static final String BOB_ARN = "arn:aws:iam::111122223333:user/bob";
    static final String ROLE_ARN = "arn:aws:iam::111122223333:role/app/AppRole";
    static final String SESSION_ARN = "arn:aws:sts::111122223333:assumed-role/AppRole/s1";
    static final RequestPrincipal ALICE = RequestPrincipal.user(ALICE_ARN);
    static final RequestPrincipal BOB = RequestPrincipal.user(BOB_ARN);
    static final RequestPrincipal SESSION = RequestPrincipal.assumedRole(SESSION_ARN, ROLE_ARN);
    static final RequestPrincipal ROOT = RequestPrincipal.root(ACCOUNT);
    static final RequestPrincipal OUTSIDER = RequestPrincipal.user("arn:aws:iam::444455556666:user/carol");

    private PolicyFixtures() {
    }

    static String json(String text) {
        return text.replace('`', '"');
    }

    static String document(String... statements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + json(String.join(",", statements)) + "]}";
    }

    static String statement(String effect, String sid, String action, String resource, String extra) {
        return "{`Sid`:`" + sid + "`,`Effect`:`" + effect + "`," + action + "," + resource
                + (extra == null ? "" : "," + extra) + "}";
    }

    /** Allow statement with a single Action and Resource. */
    static String allow(String sid, String action, String resource) {
        return allow(sid, action, resource, null);
    }

    static String allow(String sid, String action, String resource, String condition) {
        return statement("Allow", sid, "`Action`:`" + action + "`", "`Resource`:`" + resource + "`",
                condition == null ? null : "`Condition`:" + condition);
    }

    static String deny(String sid, String action, String resource) {
        return deny(sid, action, resource, null);
    }

    static String deny(String sid, String action, String resource, String condition) {
        return statement("Deny", sid, "`Action`:`" + action + "`", "`Resource`:`" + resource + "`",
                condition == null ? null : "`Condition`:" + condition);
    }

    /** A resource-policy statement; {@code principal} is the JSON value of Principal. */
    static String grant(String effect, String sid, String principal, String action, String resource) {
        return statement(effect, sid, "`Principal`:" + principal + ",`Action`:`" + action + "`",
                "`Resource`:`" + resource + "`", null);
    }

    static AttachedPolicy inline(String... statements) {
        return new AttachedPolicy("user/alice/inline/Inline", PolicySourceType.USER_INLINE,
                PolicyDocument.parse(document(statements)));
    }

    static AttachedPolicy managed(String name, String... statements) {
        return new AttachedPolicy("arn:aws:iam::111122223333:policy/" + name, PolicySourceType.CUSTOMER_MANAGED,
                PolicyDocument.parse(document(statements)));
    }

    static AttachedPolicy session(String... statements) {
        return new AttachedPolicy("session", PolicySourceType.NONE, PolicyDocument.parse(document(statements)));
    }

    /** A bucket policy of a bucket owned by {@link #ACCOUNT}. */
    static ResourcePolicy bucketPolicy(String... statements) {
        return new ResourcePolicy("arn:aws:s3:::b", ACCOUNT, PolicyDocument.parse(document(statements), PolicyKind.RESOURCE));
    }

    static ResourcePolicy trustPolicy(String json) {
        return new ResourcePolicy(ROLE_ARN, ACCOUNT, PolicyDocument.parse(json(json), PolicyKind.TRUST));
    }

    /** Context from key/value pairs: a String value is a single string, a String[] a string list. */
    static RequestContext context(Object... pairs) {
        Map<String, ContextValue> entries = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            Object value = pairs[i + 1];
            entries.put((String) pairs[i], value instanceof ContextValue contextValue ? contextValue
                    : value instanceof String[] list ? ContextValue.strings(list)
                    : ContextValue.string((String) value));
        }
        return RequestContext.of(entries);
    }
}
