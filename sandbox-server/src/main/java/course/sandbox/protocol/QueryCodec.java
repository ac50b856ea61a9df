package course.sandbox.protocol;

import course.sandbox.http.SandboxRequest;
import course.sandbox.http.SandboxResponse;
import course.sandbox.service.ServiceException;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * AWS Query (IAM, STS; CloudWatch and SQS from the AWS CLI): {@code Action=…&Version=…} as a form
 * body or query string; answers {@code <ActionResponse><ActionResult>…}, errors
 * {@code <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/>}.
 */
public final class QueryCodec implements Codec {

    QueryCodec() {
    }

    /** The Query protocol's parameters: the form body of a POST, else the query string. */
    public static Map<String, String> parameters(SandboxRequest request) {
        String contentType = request.headers().first("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (request.method().equals("POST") && contentType.startsWith("application/x-www-form-urlencoded")) {
            return FormParameters.parse(new String(request.body(), StandardCharsets.UTF_8));
        }
        return FormParameters.parse(request.rawQuery());
    }

    @Override
    public Optional<String> operation(SandboxRequest request) {
        return Optional.ofNullable(parameters(request).get("Action"));
    }

    /** {@code <ActionResponse xmlns=…><ActionResult>result</ActionResult><ResponseMetadata>…}; no Result when null. */
    public static String successXml(String namespace, String action, XmlBuilder result, String requestId) {
        StringBuilder xml = new StringBuilder(new XmlBuilder().open(action + "Response", namespace).toString());
        if (result != null) {
            xml.append('<').append(action).append("Result>").append(result)
                    .append("</").append(action).append("Result>");
        }
        xml.append(new XmlBuilder().open("ResponseMetadata").element("RequestId", requestId).close("ResponseMetadata"))
                .append("</").append(action).append("Response>");
        return xml.toString();
    }

    public static String errorXml(String namespace, ServiceException error, String requestId) {
        XmlBuilder xml = namespace.isEmpty() ? new XmlBuilder().open("ErrorResponse")
                : new XmlBuilder().open("ErrorResponse", namespace);
        return xml.open("Error")
                .element("Type", error.fault())
                .element("Code", error.code())
                .element("Message", error.getMessage())
                .close("Error")
                .element("RequestId", requestId)
                .close("ErrorResponse")
                .toString();
    }

    @Override
    public SandboxResponse error(ServiceException error, ErrorContext context) {
        SandboxResponse response = SandboxResponse.of(error.status(), "text/xml",
                errorXml(context.queryNamespace(), error, context.requestId()));
        response.headers().add("x-amzn-RequestId", context.requestId());
        return response;
    }
}
