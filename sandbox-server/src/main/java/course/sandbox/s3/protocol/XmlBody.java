package course.sandbox.s3.protocol;

import course.sandbox.protocol.XmlElement;
import course.sandbox.s3.S3Errors;

import java.util.List;
import java.util.Optional;

/**
 * A request's XML body (CompleteMultipartUpload, Delete, Tagging, VersioningConfiguration,
 * CreateBucketConfiguration), read by element local names so a namespace is optional, as S3
 * accepts. Anything unreadable, or shaped like no S3 body ({@link XmlElement}'s limits), is S3's
 * MalformedXML.
 */
final class XmlBody {
    private final XmlElement element;

    private XmlBody(XmlElement element) {
        this.element = element;
    }

    /** Parses the body and checks its root element's name. */
    static XmlBody parse(byte[] body, String expectedRoot, String resource) {
        if (body.length == 0) {
            throw S3Errors.malformedXml(resource);
        }
        try {
            XmlElement root = XmlElement.parse(body);
            if (!expectedRoot.equals(root.name())) {
                throw S3Errors.malformedXml(resource);
            }
            return new XmlBody(root);
        } catch (XmlElement.Malformed e) {
            throw S3Errors.malformedXml(resource);
        }
    }

    List<XmlBody> children(String name) {
        return element.children(name).stream().map(XmlBody::new).toList();
    }

    Optional<XmlBody> child(String name) {
        return children(name).stream().findFirst();
    }

    /** The text of a child element, as written, if present. */
    Optional<String> text(String name) {
        return child(name).map(child -> child.element.text());
    }

    /** This element's own text. */
    String ownText() {
        return element.text();
    }

    /** Whether any element is nested in this one. */
    boolean hasChildElements() {
        return !element.children().isEmpty();
    }
}
