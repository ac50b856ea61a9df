package course.sandbox.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import course.sandbox.http.SandboxResponse;

/**
 * The protocols whose inputs and outputs are documents (JSON 1.0/1.1, REST-JSON, RPC v2 CBOR):
 * a handler reads and writes a Jackson tree and never sees the encoding.
 */
public interface DocumentCodec extends Codec {

    /** The request body as a tree: an empty object for an empty body; malformed input throws SerializationException. */
    JsonNode input(byte[] body);

    /** A successful answer carrying {@code output}. */
    SandboxResponse answer(int status, JsonNode output, String requestId);
}
