package course.sandbox.protocol;

import course.sandbox.http.SandboxRequest;
import course.sandbox.http.SandboxResponse;
import course.sandbox.service.ServiceException;

import java.util.Optional;

/**
 * One wire protocol: how a request names its operation, and how an error is rendered. Each
 * protocol's codec also reads inputs and writes answers in its own types ({@link JsonCodec},
 * {@link CborCodec} and {@link RestJsonCodec} as Jackson trees, {@link QueryCodec} as form
 * parameters and XML); services hold on to the one their protocol names.
 */
public interface Codec {

    /** The operation the request names on the wire (Action, X-Amz-Target, CBOR path); empty for REST protocols. */
    Optional<String> operation(SandboxRequest request);

    /** The error in this protocol's shape, as AWS's SDKs parse it. */
    SandboxResponse error(ServiceException error, ErrorContext context);
}
