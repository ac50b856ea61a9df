package course.sandbox.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import course.sandbox.e2e.RawWire;
import course.sandbox.http.SandboxResponse;
import course.sandbox.service.ServiceException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every protocol's error body stays parseable whatever its message and details echo from a
 * request: XML 1.0 for REST-XML and Query, strict UTF-8 JSON and CBOR for the document
 * protocols. (The HTTP tests send such input through S3 and IAM; no JSON service the sandbox
 * runs itself echoes request text yet, so the document codecs are checked here directly.)
 */
class CodecErrorBodiesTest {
    private static final String HOSTILE = "nul\u0000 bell\u0007 esc\u001B ffff\uFFFF fffe\uFFFE lone\uD800 low\uDC00 pair\uD83D\uDE00 <&>\"'";

    @Test
    void everyCodecWritesAParseableErrorWhateverItEchoes() throws IOException {
        for (Protocol protocol : Protocol.values()) {
            ServiceException error = new ServiceException(400, "ValidationException", "Value '" + HOSTILE + "' is invalid")
                    .detail("Key", HOSTILE);
            SandboxResponse answer = protocol.codec().error(error, new ErrorContext("request-id", "POST", "com.example",
                    "https://example.com/doc/", false, true));
            String what = protocol + ": " + new String(answer.body(), StandardCharsets.UTF_8);
            assertEquals(400, answer.status(), what);
            assertStrictUtf8(answer.body(), what);
            switch (protocol) {
                case REST_XML, QUERY -> assertTrue(RawWire.parsesAsXml(answer.body()), what);
                case RPC_V2_CBOR -> assertMessage(new CBORMapper().readTree(answer.body()), what);
                default -> assertMessage(new ObjectMapper().readTree(answer.body()), what);
            }
        }
    }

    private static void assertMessage(JsonNode document, String what) {
        String message = document.path("message").asText();
        assertTrue(message.contains("pair\uD83D\uDE00") && message.contains("lone\uFFFD"), what);
    }

    /** Bytes a strict UTF-8 decoder accepts (an unpaired surrogate written as UTF-8 is not). */
    private static void assertStrictUtf8(byte[] body, String what) {
        if (body.length > 0 && (body[0] & 0xe0) == 0xa0) {
            return; // CBOR: its text strings are checked by the CBOR parser
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new AssertionError("not UTF-8: " + what, e);
        }
    }
}
