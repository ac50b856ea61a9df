package course.sandbox.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Requests signed by the SDK's signer, then changed in one place: each refused with AWS's code, in STS's XML. */
class TamperedRequestsTest {
    private static final String FORM = "Action=GetCallerIdentity&Version=2011-06-15";
    private static RunningSandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = RunningSandbox.start();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void anUntouchedRequestIsAccepted() {
        SignedQuery answer = SignedQuery.send(sandbox.endpoint(), RunningSandbox.ROOT, "sts", Instant.now(), FORM);
        assertEquals(200, answer.status(), answer.body());
        assertTrue(answer.body().contains("<Arn>arn:aws:iam::000000000000:root</Arn>"), answer.body());
    }

    @Test
    void oneByteOfTheBodyChanged() {
        SignedQuery answer = SignedQuery.send(sandbox.endpoint(), RunningSandbox.ROOT, "sts", Instant.now(), FORM, signed -> {
            byte[] body = signed.body().clone();
            body[body.length - 1] = (byte) '6';
            return new SignedQuery.Signed(signed.headers(), body);
        });
        assertError(answer, 403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.");
    }

    @Test
    void oneSignedHeaderChanged() {
        SignedQuery answer = SignedQuery.send(sandbox.endpoint(), RunningSandbox.ROOT, "sts", Instant.now(), FORM,
                signed -> new SignedQuery.Signed(replace(signed.headers(), "Content-Type", "application/x-www-form-urlencoded"), signed.body()));
        assertError(answer, 403, "SignatureDoesNotMatch", "The request signature we calculated");
    }

    @Test
    void theWrongSecret() {
        SignedQuery answer = SignedQuery.send(sandbox.endpoint(),
                AwsBasicCredentials.create(RunningSandbox.ROOT.accessKeyId(), "guessed-secret"), "sts", Instant.now(), FORM);
        assertError(answer, 403, "SignatureDoesNotMatch", "The request signature we calculated");
    }

    @Test
    void aSignatureSixMinutesOldHasExpiredForSts() {
        Instant signed = Instant.now().minus(Duration.ofMinutes(6));
        SignedQuery answer = SignedQuery.send(sandbox.endpoint(), RunningSandbox.ROOT, "sts", signed, FORM);
        assertError(answer, 403, "SignatureDoesNotMatch", "Signature expired: ");
        Matcher message = Pattern.compile("Signature expired: (\\d{8}T\\d{6}Z) is now earlier than (\\d{8}T\\d{6}Z) \\((\\d{8}T\\d{6}Z) - 5 min\\.\\)")
                .matcher(answer.body());
        assertTrue(message.find(), answer.body());
    }

    @Test
    void anIamRequestFromTheFutureIsRefusedToo() {
        SignedQuery answer = SignedQuery.send(sandbox.endpoint(), RunningSandbox.ROOT, "iam", Instant.now().plus(Duration.ofMinutes(7)),
                "Action=ListUsers&Version=2010-05-08");
        assertError(answer, 403, "SignatureDoesNotMatch", "Signature not yet current: ");
    }

    @Test
    void aRequestWithoutAnySignature() {
        SignedQuery answer = SignedQuery.send(sandbox.endpoint(), RunningSandbox.ROOT, "sts", Instant.now(), FORM,
                signed -> new SignedQuery.Signed(without(signed.headers(), "Authorization"), signed.body()));
        assertError(answer, 403, "MissingAuthenticationToken", "Request is missing Authentication Token");
    }

    private static void assertError(SignedQuery answer, int status, String code, String messageStart) {
        assertEquals(status, answer.status(), answer.body());
        assertTrue(answer.body().startsWith("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">")
                || answer.body().startsWith("<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">"), answer.body());
        assertTrue(answer.body().contains("<Code>" + code + "</Code>"), answer.body());
        assertTrue(answer.body().contains("<Message>" + messageStart), answer.body());
        assertTrue(answer.body().matches("(?s).*<RequestId>[0-9a-f-]{36}</RequestId>.*"), answer.body());
    }

    private static Map<String, List<String>> replace(Map<String, List<String>> headers, String name, String value) {
        Map<String, List<String>> changed = without(headers, name);
        changed.put(name, List.of(value));
        return changed;
    }

    private static Map<String, List<String>> without(Map<String, List<String>> headers, String name) {
        Map<String, List<String>> changed = new LinkedHashMap<>(headers);
        changed.keySet().removeIf(key -> key.equalsIgnoreCase(name));
        return changed;
    }
}
