package course.sandbox.http;

import java.io.IOException;

/** A body that cannot be read whole: cut off, larger than allowed, or badly chunked. */
public final class RequestBodyException extends IOException {
    private final HttpRefusal refusal;

    public RequestBodyException(HttpRefusal refusal) {
        super(refusal.code(), null);
        this.refusal = refusal;
    }

    public HttpRefusal refusal() {
        return refusal;
    }
}
