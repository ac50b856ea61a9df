package course.sandbox.iam.query;

import course.sandbox.iam.AwsApiException;
import course.sandbox.protocol.XmlBuilder;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The envelopes every AWS Query service (IAM, STS) wraps results and errors in. */
public final class QueryXml {
    private QueryXml() {
    }

    /**
     * {@code <ActionResponse xmlns=...><ActionResult>result</ActionResult><ResponseMetadata>...};
     * without a result element when {@code result} is null (e.g. DeleteUser).
     */
    public static QueryResponse success(String namespace, String action, XmlBuilder result, String requestId) {
        StringBuilder xml = new StringBuilder(new XmlBuilder().open(action + "Response", namespace).toString());
        if (result != null) {
            xml.append('<').append(action).append("Result>").append(result)
                    .append("</").append(action).append("Result>");
        }
        xml.append(metadata(requestId)).append("</").append(action).append("Response>");
        return new QueryResponse(200, xml.toString());
    }

    public static QueryResponse error(String namespace, AwsApiException e, String requestId) {
        XmlBuilder xml = new XmlBuilder().open("ErrorResponse", namespace)
                .open("Error")
                .element("Type", e.type())
                .element("Code", e.code())
                .element("Message", e.getMessage())
                .close("Error")
                .element("RequestId", requestId)
                .close("ErrorResponse");
        return new QueryResponse(e.status(), xml.toString());
    }

    /** Policy documents in IAM's XML are URL-encoded (spaces as %20). */
    public static String urlEncode(String document) {
        return URLEncoder.encode(document, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String metadata(String requestId) {
        return new XmlBuilder().open("ResponseMetadata").element("RequestId", requestId).close("ResponseMetadata").toString();
    }
}
