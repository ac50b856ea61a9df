package course.sandbox.service;

import course.sandbox.http.Headers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error answer in AWS's terms: HTTP status, error code and message, plus the extra
 * elements and headers some services put in error answers (S3's Resource, BucketName,
 * CanonicalRequest; x-amz-delete-marker). Each service renders it in its own wire shape.
 */
public class ServiceException extends RuntimeException {
    private final int status;
    private final String code;
    private final Map<String, String> details = new LinkedHashMap<>();
    private final Headers headers = new Headers();

    public ServiceException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Extra elements of the error body, in order (S3 writes them after Message). */
    public Map<String, String> details() {
        return details;
    }

    public ServiceException detail(String name, String value) {
        if (value != null) {
            details.put(name, value);
        }
        return this;
    }

    public Headers headers() {
        return headers;
    }

    public ServiceException header(String name, String value) {
        headers.add(name, value);
        return this;
    }
}
