package course.sandbox.logs;

import course.sandbox.service.ServiceException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Filter patterns as AWS documents them, with the documentation's own examples.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html">Filter pattern syntax</a>
 */
class FilterPatternTest {

    private static boolean matches(String pattern, String message) {
        return FilterPattern.parse(pattern).matches(message);
    }

    @Test
    void anEmptyPatternMatchesEverything() {
        assertTrue(matches("", "anything at all"));
        assertTrue(matches("   ", "anything at all"));
    }

    /** "ERROR" matches "[ERROR] A fatal exception has occurred" and "Exiting with ERRORCODE: -1": terms are substrings, case-sensitive. */
    @Test
    void termsAreCaseSensitiveSubstringsAndAllMustAppear() {
        assertTrue(matches("ERROR", "[ERROR] A fatal exception has occurred"));
        assertTrue(matches("ERROR", "Exiting with ERRORCODE: -1"));
        assertFalse(matches("ERROR", "error in lower case"));
        assertTrue(matches("ERROR Exception", "[ERROR] Caught IllegalArgumentException"));
        assertFalse(matches("ERROR Exception", "[ERROR] Unhandled failure"));
        assertTrue(matches("Failed to process the request", "[WARN] Failed to process the request"));
        assertTrue(matches("Failed to process the request", "[ERROR] Unable to continue: Failed to process the request"));
    }

    @Test
    void aMinusExcludesATerm() {
        assertTrue(matches("ERROR -Exiting", "[ERROR] A fatal exception has occurred"));
        assertFalse(matches("ERROR -Exiting", "Exiting with ERRORCODE: -1"));
    }

    @Test
    void questionMarksMatchAnyOfTheirTerms() {
        assertTrue(matches("?ERROR ?WARN", "[ERROR] disk full"));
        assertTrue(matches("?ERROR ?WARN", "[WARN] disk almost full"));
        assertFalse(matches("?ERROR ?WARN", "[INFO] disk fine"));
    }

    /** Terms with characters other than letters, digits and underscore must be quoted. */
    @Test
    void quotedTermsAreExactPhrasesAndOtherCharactersNeedQuotes() {
        assertTrue(matches("\"Failed to process\"", "[WARN] Failed to process the request"));
        assertFalse(matches("\"to Failed\"", "[WARN] Failed to process the request"));
        assertTrue(matches("\"ERROR:\" -\"user=admin\"", "ERROR: user=bob"));
        ServiceException error = assertThrows(ServiceException.class, () -> FilterPattern.parse("ERROR:"));
        assertEquals("InvalidParameterException", error.code());
        assertEquals("Invalid character(s) in term 'ERROR:'", error.getMessage());
        assertThrows(ServiceException.class, () -> FilterPattern.parse("\"\""));
    }

    @Test
    void percentSignsSurroundARegularExpression() {
        assertTrue(matches("%AUTHORIZED%", "[ERROR 401] UNAUTHORIZED REQUEST"));
        assertTrue(matches("%AUTHORIZED%", "[SUCCESS 200] AUTHORIZED REQUEST"));
        assertTrue(matches("%^[hc]at%", "hat trick"));
        assertFalse(matches("%^[hc]at%", "a cat"));
        assertTrue(matches("%colou?r%", "color"));
        assertThrows(ServiceException.class, () -> FilterPattern.parse("%(sub)pattern%"), "parentheses are not supported");
    }

    @Test
    void jsonPatternsSelectFieldsOfJsonMessages() {
        String event = "{\"eventType\":\"UpdateTrail\",\"sourceIPAddress\":\"123.123.123.123\",\"arrayKey\":[\"value\",\"another value\"],"
                + "\"objectList\":[{\"name\":\"a\",\"id\":1},{\"name\":\"b\",\"id\":2}],\"SomeObject\":null,"
                + "\"ThisFlag\":true,\"bandwidth\":75,\"latency\":40.5,\"user\":{\"id\":\"a\",\"email\":\"a@example.com\"}}";
        assertTrue(matches("{ $.eventType = \"UpdateTrail\" }", event));
        assertTrue(matches("{$.eventType = UpdateTrail}", event));
        assertFalse(matches("{ $.eventType = \"DeleteTrail\" }", event));
        assertTrue(matches("{ $.sourceIPAddress != 123.123.* }", "{\"sourceIPAddress\":\"10.0.0.1\"}"));
        assertFalse(matches("{ $.sourceIPAddress != 123.123.* }", event));
        assertTrue(matches("{ $.arrayKey[0] = \"value\" }", event));
        assertTrue(matches("{ $.objectList[1].id = 2 }", event));
        assertTrue(matches("{ $.SomeObject IS NULL }", event));
        assertTrue(matches("{ $.SomeOtherObject NOT EXISTS }", event));
        assertTrue(matches("{ $.ThisFlag IS TRUE }", event));
        assertTrue(matches("{ $.bandwidth > 75 || $.latency < 50 }", event));
        assertFalse(matches("{ $.bandwidth > 75 && $.latency < 50 }", event));
        assertTrue(matches("{ ($.user.id = \"a\" && $.user.email = \"a@*\") || $.bandwidth = 0 }", event));
        assertTrue(matches("{ $.eventType = %Update% }", event));
        assertFalse(matches("{ $.eventType = \"UpdateTrail\" }", "not json: UpdateTrail"));
        ServiceException error = assertThrows(ServiceException.class, () -> FilterPattern.parse("{ $.eventType = \"x\""));
        assertEquals("If a filter pattern starts with '{' it must end with '}'", error.getMessage());
        assertThrows(ServiceException.class, () -> FilterPattern.parse("{ $.latency > fast }"));
    }

    @Test
    void spaceDelimitedPatternsMatchFields() {
        String line = "127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] \"GET /apache_pb.gif HTTP/1.0\" 404 1534";
        assertTrue(matches("[ip, user, username, timestamp, request, status_code, bytes]", line));
        assertTrue(matches("[ip, user, username, timestamp, request, status_code = 4*, bytes]", line));
        assertFalse(matches("[ip, user, username, timestamp, request, status_code = 5*, bytes]", line));
        assertTrue(matches("[ip, user, username, timestamp, request = \"*gif*\", status_code = 404, bytes > 1000]", line));
        assertTrue(matches("[ip = 127.0.0.1, ...]", line));
        assertTrue(matches("[..., status_code = 404 || status_code = 500, bytes]", line));
        assertFalse(matches("[ip, user, username]", line), "a pattern without ... needs as many fields as the message has");
    }
}
