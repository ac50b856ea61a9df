package course.sandbox.protocol;

import course.sandbox.auth.SigV4;
import course.sandbox.http.Headers;
import course.sandbox.http.SandboxRequest;
import course.sandbox.http.SandboxResponse;
import course.sandbox.service.ServiceException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * REST-XML (S3, S3 Control): the method, path and query name the operation; S3's errors are
 * {@code <Error><Code/><Message/>…details…<Resource/><RequestId/><HostId/></Error>} with the
 * exception's headers, and no body at all for a 304 or a HEAD request; the other services wrap
 * them: {@code <ErrorResponse><Error><Code/><Message/></Error><RequestId/><HostId/></ErrorResponse>}.
 */
public final class RestXmlCodec implements Codec {

    RestXmlCodec() {
    }

    @Override
    public Optional<String> operation(SandboxRequest request) {
        return Optional.empty();
    }

    @Override
    public SandboxResponse error(ServiceException error, ErrorContext context) {
        Headers headers = new Headers();
        for (String name : error.headers().lowerCaseNames()) {
            error.headers().all(name).forEach(value -> headers.add(name, value));
        }
        byte[] body = new byte[0];
        if (error.status() != 304 && !context.method().equals("HEAD")) {
            XmlBuilder xml = new XmlBuilder(XmlBuilder.ISO_MILLIS).declaration();
            if (!context.xmlNoErrorWrapping()) {
                xml.open("ErrorResponse");
            }
            xml.open("Error")
                    .element("Code", error.code())
                    .element("Message", error.getMessage());
            for (Map.Entry<String, String> detail : error.details().entrySet()) {
                xml.element(detail.getKey(), detail.getValue());
            }
            xml.element("Resource", error.resource());
            if (!context.xmlNoErrorWrapping()) {
                xml.close("Error");
            }
            xml.element("RequestId", context.requestId())
                    .element("HostId", hostId(context.requestId()));
            body = xml.finish(context.xmlNoErrorWrapping() ? "Error" : "ErrorResponse").getBytes(StandardCharsets.UTF_8);
            headers.add("Content-Type", "application/xml");
        }
        return withRequestIds(new SandboxResponse(error.status(), headers, body), context.requestId());
    }

    /** S3's x-amz-request-id and x-amz-id-2 on every answer. */
    public static SandboxResponse withRequestIds(SandboxResponse response, String requestId) {
        response.headers().add("x-amz-request-id", requestId).add("x-amz-id-2", hostId(requestId));
        return response;
    }

    /** S3's x-amz-id-2 / HostId: an opaque token; derived from the request id so both stay consistent. */
    public static String hostId(String requestId) {
        return Base64.getEncoder().encodeToString(SigV4.sha256(requestId.getBytes(StandardCharsets.UTF_8)));
    }
}
