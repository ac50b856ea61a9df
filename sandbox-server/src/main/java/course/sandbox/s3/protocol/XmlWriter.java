package course.sandbox.s3.protocol;

import course.sandbox.protocol.Xml;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Builds S3's XML answers: elements with escaped text, absent values left out as S3 does. */
final class XmlWriter {
    static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final StringBuilder xml = new StringBuilder(Xml.DECLARATION);

    /** Starts a document whose root element carries S3's namespace. */
    static XmlWriter document(String root) {
        XmlWriter writer = new XmlWriter();
        writer.xml.append('<').append(root).append(" xmlns=\"").append(NAMESPACE).append("\">");
        return writer;
    }

    /** Starts a document whose root has no namespace (S3's error bodies). */
    static XmlWriter plainDocument(String root) {
        return new XmlWriter().open(root);
    }

    XmlWriter open(String name) {
        xml.append('<').append(name).append('>');
        return this;
    }

    XmlWriter close(String name) {
        xml.append("</").append(name).append('>');
        return this;
    }

    /** {@code <name>text</name>}, or nothing when text is null. */
    XmlWriter element(String name, Object text) {
        if (text != null) {
            open(name);
            xml.append(Xml.escape(text.toString()));
            close(name);
        }
        return this;
    }

    /** A timestamp as S3's XML writes them: 2025-01-15T10:00:00.000Z. */
    XmlWriter element(String name, Instant time) {
        return element(name, time == null ? null : (Object) ISO_MILLIS.format(time));
    }

    /** Appends the text of a root element that has no children, e.g. LocationConstraint. */
    XmlWriter text(String text) {
        xml.append(Xml.escape(text));
        return this;
    }

    String finish(String root) {
        close(root);
        return xml.toString();
    }
}
