package course.sandbox.service;

import course.sandbox.http.Headers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one error type of every service: HTTP status, AWS's error code and message, plus what some
 * protocols add to an error answer (S3's Resource and other elements, headers such as
 * x-amz-delete-marker). Model and protocol layers throw it; the request's codec renders it in
 * the wire shape of the service's protocol ({@link course.sandbox.protocol.Codec#error}).
 */
public class ServiceException extends RuntimeException {
    private final int status;
    private final String code;
    private final Map<String, String> details = new LinkedHashMap<>();
    private final Headers headers = new Headers();
    private String resource;
    private String shape;

    public ServiceException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    /** What a known AWS service answers while the sandbox does not serve it yet: 501 in its own protocol. */
    public static ServiceException notServed(String serviceTitle) {
        return new ServiceException(501, "NotImplemented", "The sandbox does not serve " + serviceTitle + " yet.");
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Who is at fault, as the Query protocol's Type and awsQueryCompatible's header say it. */
    public String fault() {
        return status >= 500 ? "Receiver" : "Sender";
    }

    /** Extra elements of the error body, in order (REST-XML writes them after Message). */
    public Map<String, String> details() {
        return details;
    }

    public ServiceException detail(String name, String value) {
        if (value != null) {
            details.put(name, value);
        }
        return this;
    }

    /**
     * The name of the modeled exception, where it differs from the code: JSON and CBOR errors of
     * awsQueryCompatible services carry it as {@code __type} (CloudWatch's
     * InvalidParameterValueException) and the Query code (InvalidParameterValue) in a header.
     */
    public String shape() {
        return shape == null ? code : shape;
    }

    public ServiceException shape(String name) {
        this.shape = name;
        return this;
    }

    /** The resource the error is about, e.g. {@code /bucket/key}; REST-XML writes it as Resource. Null when none. */
    public String resource() {
        return resource;
    }

    public ServiceException resource(String value) {
        this.resource = value;
        return this;
    }

    public Headers headers() {
        return headers;
    }

    public ServiceException header(String name, String value) {
        headers.add(name, value);
        return this;
    }

    @Override
    public String toString() {
        return code + " (" + status + "): " + getMessage() + (resource == null ? "" : " [" + resource + "]");
    }
}
