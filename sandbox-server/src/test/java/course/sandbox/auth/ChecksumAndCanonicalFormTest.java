package course.sandbox.auth;

import course.sandbox.protocol.ChecksumAlgorithm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import course.sandbox.http.Headers;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Checksum check values and the canonical forms the AWS suite does not pin down. */
class ChecksumAndCanonicalFormTest {
    private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);

    @Test
    void checksumsMatchTheirStandardCheckValues() {
        assertEquals(base64(0xCBF43926), ChecksumAlgorithm.CRC32.base64(CHECK));
        assertEquals(base64(0xE3069283), ChecksumAlgorithm.CRC32C.base64(CHECK));
        assertEquals(Base64.getEncoder().encodeToString(ByteBuffer.allocate(8).putLong(0xAE8B14860A799888L).array()),
                ChecksumAlgorithm.CRC64NVME.base64(CHECK));
        assertEquals("2jmj7l5rSw0yVb/vlWAYkK/YBwk=", ChecksumAlgorithm.SHA1.base64(new byte[0]));
        assertEquals(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(SigV4.EMPTY_SHA256)),
                ChecksumAlgorithm.SHA256.base64(new byte[0]));
        assertEquals(Optional.of(ChecksumAlgorithm.CRC32C), ChecksumAlgorithm.ofHeaderName("X-Amz-Checksum-CRC32C"));
        assertEquals(Optional.empty(), ChecksumAlgorithm.ofHeaderName("x-amz-checksum-md5"));
    }

    @Test
    void s3PathIsUsedAsSentWithoutDoubleEncoding() {
        assertEquals("/bucket/a%20b/..//c%2Bd", SigV4.canonicalUri("/bucket/a%20b/..//c%2Bd", false));
        assertEquals("/bucket/a%20b%E1%88%B4", SigV4.canonicalUri("/bucket/a b\u1234", false));
        assertEquals("/bucket/100%25", SigV4.canonicalUri("/bucket/100%", false));
        assertEquals("/", SigV4.canonicalUri("", false));
    }

    @Test
    void otherServicesNormalizeAndEncodeEachSegmentAgain() {
        assertEquals("/a%2520b/c%252Bd", SigV4.canonicalUri("/x/../a%20b//./c%2Bd", true));
        assertEquals("/a/", SigV4.canonicalUri("/a/b/..", true));
        assertEquals("/", SigV4.canonicalUri("/..", true));
    }

    @Test
    void queryIsDecodedReencodedAndSorted() {
        assertEquals("a=&b=%2F%20x&b=1&c=%2B", SigV4.canonicalQuery("c=%2b&b=1&a&b=/%20x", false));
        assertEquals("X-Amz-Date=1", SigV4.canonicalQuery("X-Amz-Signature=abc&X-Amz-Date=1", true));
        assertEquals("X-Amz-Date=1&X-Amz-Signature=abc", SigV4.canonicalQuery("X-Amz-Signature=abc&X-Amz-Date=1", false));
        assertEquals("bad=%25zz", SigV4.canonicalQuery("bad=%zz", false));
    }

    @Test
    void headersAreTrimmedCollapsedAndJoined() {
        Headers headers = new Headers().add("X-A", "  one   two\t three ").add("x-a", "four").add("Host", "h");
        assertEquals("host:h\nx-a:one two three,four\n", SigV4.canonicalHeaders(headers, List.of("host", "x-a")));
        assertEquals("x-missing:\n", SigV4.canonicalHeaders(headers, List.of("x-missing")));
    }

    @Test
    void hexHelpers() {
        assertEquals("00ff7f", SigV4.hex(new byte[] {0, (byte) 0xff, 0x7f}));
        assertEquals(SigV4.EMPTY_SHA256, SigV4.sha256Hex(new byte[0]));
        assertTrue(SigV4.isSha256Hex(SigV4.EMPTY_SHA256.toUpperCase()));
        assertFalse(SigV4.isSha256Hex("UNSIGNED-PAYLOAD"));
    }

    @Test
    void signingKeyMatchesAwsDocumentedExample() {
        // The key derivation example of the AWS General Reference (secret wJalr..., 20120215, us-east-1, iam).
        assertEquals("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d",
                SigV4.hex(SigV4.signingKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215", "us-east-1", "iam")));
    }

    private static String base64(int crc) {
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt(crc).array());
    }
}
