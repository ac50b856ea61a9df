package course.sandbox.s3;

import course.sandbox.protocol.ChecksumAlgorithm;
import static course.sandbox.s3.S3Assertions.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Published check values ("123456789") and NIST digests, independent of the implementation. */
class ChecksumAlgorithmTest {
    private static String base64OfHex(String hex) {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
    }

    @Test
    void crcCheckValues() {
        byte[] check = bytes("123456789");
        assertEquals(base64OfHex("cbf43926"), ChecksumAlgorithm.CRC32.base64(check));
        assertEquals(base64OfHex("e3069283"), ChecksumAlgorithm.CRC32C.base64(check));
        assertEquals(base64OfHex("ae8b14860a799888"), ChecksumAlgorithm.CRC64NVME.base64(check));
    }

    @Test
    void crc64OfALongInputMatchesTheBytewiseDefinition() {
        // Eight bytes a step plus a 3-byte tail; the value was computed one byte at a time.
        byte[] data = new byte[1_000_003];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + (i >>> 7));
        }
        assertEquals("Kt5Ago/s2a4=", ChecksumAlgorithm.CRC64NVME.base64(data));
    }

    @Test
    void crc64OfAConcatenationCombinesThePiecesChecksums() {
        java.util.Random random = new java.util.Random(5);
        byte[] whole = new byte[300_017];
        random.nextBytes(whole);
        String expected = ChecksumAlgorithm.CRC64NVME.base64(whole);
        for (int[] cuts : new int[][] {{}, {0}, {1}, {150_000}, {7, 8, 9, 100_000, 299_999}, {300_017}}) {
            List<byte[]> pieces = new java.util.ArrayList<>();
            int start = 0;
            for (int cut : cuts) {
                pieces.add(java.util.Arrays.copyOfRange(whole, start, cut));
                start = cut;
            }
            pieces.add(java.util.Arrays.copyOfRange(whole, start, whole.length));
            assertEquals(expected, Base64.getEncoder().encodeToString(ChecksumAlgorithm.crc64NvmeOfConcatenation(pieces)),
                    java.util.Arrays.toString(cuts));
        }
        assertEquals(ChecksumAlgorithm.CRC64NVME.base64(new byte[0]),
                Base64.getEncoder().encodeToString(ChecksumAlgorithm.crc64NvmeOfConcatenation(List.of())));
    }

    @Test
    void shaDigests() {
        assertEquals(base64OfHex("a9993e364706816aba3e25717850c26c9cd0d89d"), ChecksumAlgorithm.SHA1.base64(bytes("abc")));
        assertEquals(base64OfHex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
                ChecksumAlgorithm.SHA256.base64(bytes("abc")));
    }

    @Test
    void headerNamesLengthsAndParsing() {
        assertEquals("x-amz-checksum-crc64nvme", ChecksumAlgorithm.CRC64NVME.headerName());
        assertEquals("x-amz-checksum-sha256", ChecksumAlgorithm.SHA256.headerName());
        assertEquals(ChecksumAlgorithm.CRC32C, ChecksumAlgorithm.fromName("crc32c"));
        assertEquals(null, ChecksumAlgorithm.fromName("md5"));
        for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
            assertEquals(algorithm.length(), algorithm.digest(bytes("x")).length);
        }
    }

    @Test
    void etagsAreQuotedHexMd5AndMultipartFormat() {
        assertEquals("\"5d41402abc4b2a76b9719d911017c592\"", Digests.etag(bytes("hello")));
        assertEquals("\"d41d8cd98f00b204e9800998ecf8427e\"", Digests.etag(new byte[0]));
        // md5(md5("hello") || md5("")) computed by hand from the two digests above.
        byte[] concatenated = HexFormat.of().parseHex("5d41402abc4b2a76b9719d911017c592d41d8cd98f00b204e9800998ecf8427e");
        String expected = "\"" + HexFormat.of().formatHex(Digests.md5(concatenated)) + "-2\"";
        assertEquals(expected, Digests.multipartEtag(List.of(Digests.md5(bytes("hello")), Digests.md5(new byte[0]))));
    }

    @Test
    void keyOrderIsUtf8BinaryOrder() {
        // U+FF5E (3 UTF-8 bytes, EF BD 9E) sorts before U+1F600 (4 bytes, F0 ...), unlike UTF-16 order.
        String fullwidthTilde = "\uFF5E";
        String emoji = new String(Character.toChars(0x1F600));
        assertEquals(-1, Integer.signum(KeyOrder.compare(fullwidthTilde, emoji)));
        assertEquals(1, Integer.signum(fullwidthTilde.compareTo(emoji)));
        assertEquals(-1, Integer.signum(KeyOrder.compare("a", "ab")));
        assertEquals(0, KeyOrder.compare("same", "same"));
    }
}
