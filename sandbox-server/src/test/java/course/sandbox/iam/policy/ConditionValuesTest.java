package course.sandbox.iam.policy;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConditionValuesTest {

    @Test
    void ipRanges() {
        assertTrue(ConditionEvaluator.ipInRange("10.255.0.1", "10.0.0.0/8"));
        assertTrue(ConditionEvaluator.ipInRange("192.0.2.7", "192.0.2.7"));
        assertTrue(ConditionEvaluator.ipInRange("1.2.3.4", "0.0.0.0/0"));
        assertFalse(ConditionEvaluator.ipInRange("11.0.0.1", "10.0.0.0/8"));
        assertTrue(ConditionEvaluator.ipInRange("2001:db8::ff", "2001:db8::/120"));
        assertFalse(ConditionEvaluator.ipInRange("2001:db9::1", "2001:db8::/32"));
        assertFalse(ConditionEvaluator.ipInRange("10.0.0.1", "2001:db8::/32"), "families never match");
        assertFalse(ConditionEvaluator.ipInRange("10.0.0.1", "10.0.0.0/33"));
        assertFalse(ConditionEvaluator.ipInRange("10.0.0.1", "10.0.0.0/x"));
    }

    @Test
    void addressParsingNeverResolvesNames() {
        assertNull(ConditionEvaluator.parseIp("localhost"));
        assertNull(ConditionEvaluator.parseIp("example.com"));
        assertNull(ConditionEvaluator.parseIp("256.1.1.1"));
        assertNull(ConditionEvaluator.parseIp("1.2.3"));
        assertNull(ConditionEvaluator.parseIp("fe80::1%eth0"));
        assertEquals(16, ConditionEvaluator.parseIp("::1").length);
    }

    @Test
    void dates() {
        Instant newYear = Instant.parse("2020-01-01T00:00:00Z");
        assertEquals(newYear, ConditionEvaluator.parseDate("2020-01-01T00:00:00Z"));
        assertEquals(newYear, ConditionEvaluator.parseDate("2020-01-01T01:00:00+01:00"));
        assertEquals(newYear, ConditionEvaluator.parseDate("2020-01-01T00:00:00.000Z"));
        assertEquals(newYear, ConditionEvaluator.parseDate("2020-01-01"));
        assertEquals(newYear, ConditionEvaluator.parseDate("1577836800"));
        assertNull(ConditionEvaluator.parseDate("yesterday"));
    }

    @Test
    void wildcardsStayLinear() {
        String text = "a".repeat(5000);
        assertFalse(Wildcards.matches("*a*a*a*a*a*a*a*a*a*b", text, false));
        assertTrue(Wildcards.matches("a*?a", "aXa", false));
        assertTrue(Wildcards.matches("S3:GET*", "s3:getObject", true));
        assertFalse(Wildcards.matches("S3:GET*", "s3:getObject", false));
    }
}
