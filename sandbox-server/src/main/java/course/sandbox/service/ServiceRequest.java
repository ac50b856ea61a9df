package course.sandbox.service;

import course.sandbox.http.Headers;
import course.sandbox.http.SandboxRequest;
import course.sandbox.protocol.DocumentCodec;
import course.sandbox.protocol.ServiceRoute;

import java.time.Instant;
import java.util.Optional;

/**
 * A request that passed authentication, as services see it.
 *
 * @param http            the request as the service sees it (path and query still percent-encoded,
 *                        a {@code /_host/…} prefix stripped)
 * @param body            the payload: for aws-chunked uploads, the decoded data
 * @param bodyMd5         the body's MD5 when it was computed on arrival (aws-chunked uploads)
 * @param trailingHeaders trailing checksum headers of an aws-chunked body (empty otherwise)
 * @param caller          who signed it, or anonymous
 * @param region          the region of the signature's scope, or the sandbox's region
 * @param requestId       the id this request's answer carries
 * @param now             the sandbox's clock at arrival (fixed under --clock)
 * @param route           how the router reached the service: its protocol and the operation the wire names
 */
public record ServiceRequest(SandboxRequest http, byte[] body, Optional<byte[]> bodyMd5, Headers trailingHeaders, Caller caller,
                             String region, String requestId, Instant now, ServiceRoute route) {

    /** The codec of a request in a document protocol (JSON 1.0/1.1, REST-JSON, RPC v2 CBOR), for services that speak only those. */
    public DocumentCodec documentCodec() {
        return (DocumentCodec) route.protocol().codec();
    }
}
