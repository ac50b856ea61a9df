package course.sandbox.s3.protocol;

import course.sandbox.protocol.XmlBuilder;

/** Where S3's XML answers start: the declaration, S3's namespace, timestamps with milliseconds. */
final class S3Xml {
    static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

    private S3Xml() {
    }

    /** A document whose root element carries S3's namespace. */
    static XmlBuilder document(String root) {
        return new XmlBuilder(XmlBuilder.ISO_MILLIS).declaration().open(root, NAMESPACE);
    }

    /** A document whose root has no namespace (S3's error bodies). */
    static XmlBuilder plainDocument(String root) {
        return new XmlBuilder(XmlBuilder.ISO_MILLIS).declaration().open(root);
    }
}
