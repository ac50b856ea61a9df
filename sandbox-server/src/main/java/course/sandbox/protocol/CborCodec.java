package course.sandbox.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import course.sandbox.http.Headers;
import course.sandbox.http.SandboxRequest;
import course.sandbox.http.SandboxResponse;
import course.sandbox.service.ServiceException;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Smithy RPC v2 CBOR (CloudWatch from SDK v2): {@code POST /service/<Service>/operation/<Op>} with
 * {@code smithy-protocol: rpc-v2-cbor}, CBOR bodies both ways, errors as a CBOR map with
 * {@code __type} and {@code message}. Jackson's CBOR format reads and writes the same trees as JSON.
 *
 * @see <a href="https://smithy.io/2.0/additional-specs/protocols/smithy-rpc-v2.html">Smithy RPC v2 CBOR</a>
 */
public final class CborCodec implements DocumentCodec {
    public static final String PROTOCOL_HEADER = "smithy-protocol";
    public static final String PROTOCOL_NAME = "rpc-v2-cbor";
    private static final Pattern PATH = Pattern.compile("/service/([^/]+)/operation/([^/?]+)");
    private static final CBORMapper CBOR = new CBORMapper();

    CborCodec() {
    }

    /** The service shape name of an RPC v2 path, e.g. {@code GraniteServiceVersion20100801}. */
    public static Optional<String> serviceName(SandboxRequest request) {
        Matcher path = PATH.matcher(request.rawPath());
        return path.matches() ? Optional.of(path.group(1)) : Optional.empty();
    }

    public static boolean isRpcV2Cbor(SandboxRequest request) {
        return request.headers().first(PROTOCOL_HEADER).filter(PROTOCOL_NAME::equals).isPresent();
    }

    @Override
    public Optional<String> operation(SandboxRequest request) {
        Matcher path = PATH.matcher(request.rawPath());
        return path.matches() ? Optional.of(path.group(2)) : Optional.empty();
    }

    @Override
    public JsonNode input(byte[] body) {
        return JsonCodec.readTree(CBOR, body);
    }

    @Override
    public SandboxResponse answer(int status, JsonNode output, String requestId) {
        Headers headers = new Headers().add("Content-Type", "application/cbor").add(PROTOCOL_HEADER, PROTOCOL_NAME)
                .add("x-amzn-RequestId", requestId);
        return new SandboxResponse(status, headers, JsonCodec.write(CBOR, output));
    }

    @Override
    public SandboxResponse error(ServiceException error, ErrorContext context) {
        SandboxResponse response = answer(error.status(), JsonCodec.errorDocument(error, context), context.requestId());
        JsonCodec.addErrorHeaders(response.headers(), error, context);
        return response;
    }
}
