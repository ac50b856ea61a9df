package course.sandbox.s3.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import course.sandbox.s3.EtagList;
import course.sandbox.s3.RangeRequest;
import course.sandbox.service.ServiceException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How Range, If-Match style and x-amz-copy-source-range header values are read. */
class ObjectHeadersTest {

    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html#API_GetObject_RequestSyntax
    // (Range: one range per request; S3 does not support retrieving multiple ranges)
    @Test
    void singleRangesAreRead() {
        assertEquals(Optional.of(new RangeRequest(2L, 5L, "bytes=2-5")), ObjectHeaders.range("bytes=2-5"));
        assertEquals(Optional.of(new RangeRequest(7L, null, "bytes=7-")), ObjectHeaders.range("bytes=7-"));
        assertEquals(Optional.of(new RangeRequest(null, 2L, "bytes=-2")), ObjectHeaders.range("bytes=-2"));
        assertEquals(Optional.of(new RangeRequest(null, 0L, "bytes=-0")), ObjectHeaders.range("bytes=-0"));
        assertEquals(Optional.of(new RangeRequest(1L, 3L, " bytes= 1 - 3 ")), ObjectHeaders.range(" bytes= 1 - 3 "));
    }

    @Test
    void severalOrInvalidRangesAskForTheWholeObject() {
        for (String header : List.of("bytes=0-1,3-4", "bytes=5-2", "bytes=abc", "items=0-3", "bytes=-",
                "bytes=99999999999999999999-")) {
            assertEquals(Optional.empty(), ObjectHeaders.range(header), header);
        }
        assertEquals(Optional.empty(), ObjectHeaders.range(null));
    }

    @Test
    void etagListsAreCommaSeparatedQuotedOrNot() {
        EtagList list = ObjectHeaders.etags("\"other\", abc ,\"def\"");
        assertEquals(List.of("\"other\"", "abc", "\"def\""), list.etags());
        assertTrue(list.matches("\"abc\""));
        assertTrue(list.matches("def"));
        assertTrue(ObjectHeaders.etags(" * ").isAny());
        assertTrue(ObjectHeaders.etags("\"x\", *").matches("\"anything\""));
    }

    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPartCopy.html (x-amz-copy-source-range: bytes=first-last)
    @Test
    void copySourceRangesAreFirstToLast() {
        assertEquals(Optional.of(RangeRequest.span(0, 15, "bytes=0-15")),
                ObjectHeaders.copySourceRange("bytes=0-15", "/b/k"));
        assertEquals(Optional.empty(), ObjectHeaders.copySourceRange(null, "/b/k"));
        for (String header : List.of("bytes=5-", "bytes=-5", "5-6", "bytes=99999999999999999999-1")) {
            ServiceException error = assertThrows(ServiceException.class,
                    () -> ObjectHeaders.copySourceRange(header, "/b/k"), header);
            assertEquals("InvalidArgument", error.code());
            assertEquals(400, error.status());
        }
    }
}
