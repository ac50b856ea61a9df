package course.sandbox.iam.query;

import course.sandbox.protocol.Xml;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Appends XML elements with escaped text; enough for AWS Query responses. */
public final class XmlBuilder {
    private static final DateTimeFormatter ISO_SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private final StringBuilder sb = new StringBuilder();

    public XmlBuilder open(String name) {
        sb.append('<').append(name).append('>');
        return this;
    }

    public XmlBuilder open(String name, String xmlns) {
        sb.append('<').append(name).append(" xmlns=\"").append(Xml.escape(xmlns)).append("\">");
        return this;
    }

    public XmlBuilder close(String name) {
        sb.append("</").append(name).append('>');
        return this;
    }

    /** {@code <name>text</name>}; nothing when text is null (AWS omits absent fields). */
    public XmlBuilder element(String name, Object text) {
        if (text != null) {
            open(name);
            sb.append(Xml.escape(text.toString()));
            close(name);
        }
        return this;
    }

    /** A timestamp in ISO 8601 with Z, to the second, as IAM and STS print them. */
    public XmlBuilder element(String name, Instant time) {
        return element(name, (Object) (time == null ? null : ISO_SECONDS.format(time.truncatedTo(ChronoUnit.SECONDS))));
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
