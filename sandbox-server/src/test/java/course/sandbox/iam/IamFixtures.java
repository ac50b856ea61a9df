package course.sandbox.iam;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Shared set-up for IAM and STS tests. */
public final class IamFixtures {
    public static final String ACCOUNT = "123456789012";
    public static final String ROOT_KEY = "AKIAROOTROOTROOTROOT";
    public static final String ROOT_SECRET = "rootsecretrootsecretrootsecretrootsecret";
    public static final Instant T0 = Instant.parse("2025-01-02T03:04:05Z");
    public static final String ALLOW_ALL =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
    public static final String TRUST_ACCOUNT = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"sts:AssumeRole\"}]}";

    private IamFixtures() {
    }

    public static IamModel model(Clock clock) {
        return new IamModel(ACCOUNT, ROOT_KEY, ROOT_SECRET, clock, new JsonObjectPolicyValidator());
    }

    public static IamModel model() {
        return model(Clock.fixed(T0, ZoneOffset.UTC));
    }
}
