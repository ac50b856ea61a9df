package course.sandbox.s3.protocol;

import course.sandbox.s3.S3Errors;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A request's XML body (CompleteMultipartUpload, Delete, Tagging, VersioningConfiguration,
 * CreateBucketConfiguration), read by element local names so a namespace is optional, as S3
 * accepts. Anything unreadable is S3's MalformedXML.
 */
final class XmlBody {
    private static final DocumentBuilderFactory FACTORY = secureFactory();

    private final Element element;

    private XmlBody(Element element) {
        this.element = element;
    }

    /** Parses the body and checks its root element's name. */
    static XmlBody parse(byte[] body, String expectedRoot, String resource) {
        if (body.length == 0) {
            throw S3Errors.malformedXml(resource);
        }
        try {
            DocumentBuilder builder = FACTORY.newDocumentBuilder();
            builder.setErrorHandler(null);
            Element root = builder.parse(new ByteArrayInputStream(body)).getDocumentElement();
            if (!expectedRoot.equals(localName(root))) {
                throw S3Errors.malformedXml(resource);
            }
            return new XmlBody(root);
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw S3Errors.malformedXml(resource);
        }
    }

    List<XmlBody> children(String name) {
        List<XmlBody> found = new ArrayList<>();
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element child && name.equals(localName(child))) {
                found.add(new XmlBody(child));
            }
        }
        return found;
    }

    Optional<XmlBody> child(String name) {
        return children(name).stream().findFirst();
    }

    /** The trimmed text of a child element, if present. */
    Optional<String> text(String name) {
        return child(name).map(child -> child.element.getTextContent());
    }

    /** This element's own text. */
    String ownText() {
        return element.getTextContent();
    }

    /** Whether any element is nested in this one. */
    boolean hasChildElements() {
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element) {
                return true;
            }
        }
        return false;
    }

    private static String localName(Element element) {
        return element.getLocalName() != null ? element.getLocalName() : element.getTagName();
    }

    private static DocumentBuilderFactory secureFactory() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            // Request bodies are untrusted: no DTDs, no external entities.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            return factory;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The JDK's XML parser lacks a standard feature", e);
        }
    }
}
