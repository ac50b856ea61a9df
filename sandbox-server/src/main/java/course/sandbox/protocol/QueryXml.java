package course.sandbox.protocol;

import course.sandbox.service.ServiceException;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** IAM's and STS's answers in the Query protocol's envelopes ({@link QueryCodec}). */
public final class QueryXml {
    private QueryXml() {
    }

    /** A success; without a result element when {@code result} is null (e.g. DeleteUser). */
    public static QueryResponse success(String namespace, String action, XmlBuilder result, String requestId) {
        return new QueryResponse(200, QueryCodec.successXml(namespace, action, result, requestId));
    }

    public static QueryResponse error(String namespace, ServiceException e, String requestId) {
        return new QueryResponse(e.status(), QueryCodec.errorXml(namespace, e, requestId));
    }

    /** Policy documents in IAM's XML are URL-encoded (spaces as %20). */
    public static String urlEncode(String document) {
        return URLEncoder.encode(document, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
