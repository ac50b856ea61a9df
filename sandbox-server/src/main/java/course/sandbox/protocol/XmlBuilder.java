package course.sandbox.protocol;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Appends XML elements with escaped text, leaving absent values out as AWS does; the one writer
 * behind the Query (IAM, STS) and REST-XML (S3) answers. Services differ only in how they print
 * timestamps, which the builder is given.
 */
public final class XmlBuilder {
    /** IAM and STS: ISO 8601 to the second, e.g. 2025-01-15T10:00:00Z. */
    public static final DateTimeFormatter ISO_SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    /** S3: ISO 8601 with milliseconds, e.g. 2025-01-15T10:00:00.000Z. */
    public static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final StringBuilder sb = new StringBuilder();
    private final DateTimeFormatter timestamps;

    /** A builder printing timestamps as IAM and STS do. */
    public XmlBuilder() {
        this(ISO_SECONDS);
    }

    public XmlBuilder(DateTimeFormatter timestamps) {
        this.timestamps = timestamps;
    }

    /** Starts a document with the XML declaration. */
    public XmlBuilder declaration() {
        sb.append(Xml.DECLARATION);
        return this;
    }

    public XmlBuilder open(String name) {
        sb.append('<').append(name).append('>');
        return this;
    }

    public XmlBuilder open(String name, String xmlns) {
        sb.append('<').append(name).append(" xmlns=\"").append(Xml.escape(xmlns)).append("\">");
        return this;
    }

    /** An opening tag with attributes, in the map's order (e.g. S3's xsi:type on an ACL Grantee). */
    public XmlBuilder open(String name, java.util.Map<String, String> attributes) {
        sb.append('<').append(name);
        attributes.forEach((attribute, value) ->
                sb.append(' ').append(attribute).append("=\"").append(Xml.escape(value)).append('"'));
        sb.append('>');
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

    /** A timestamp in this builder's format; nothing when null. */
    public XmlBuilder element(String name, Instant time) {
        return element(name, time == null ? null : (Object) timestamps.format(time));
    }

    /** Escaped text inside the element opened last, e.g. S3's LocationConstraint. */
    public XmlBuilder text(String text) {
        sb.append(Xml.escape(text));
        return this;
    }

    /** Closes the root element and returns the document. */
    public String finish(String root) {
        return close(root).toString();
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
