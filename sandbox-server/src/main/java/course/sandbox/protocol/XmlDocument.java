package course.sandbox.protocol;

import course.sandbox.service.ServiceException;
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
import java.util.function.Supplier;

/**
 * A REST-XML request body read by element local names (a namespace is optional, as AWS accepts),
 * from a parser that refuses DTDs and external entities. Whatever cannot be read is the error the
 * service gives for malformed XML.
 */
public final class XmlDocument {
    private static final DocumentBuilderFactory FACTORY = secureFactory();

    private final Element element;
    private final Supplier<ServiceException> malformed;

    private XmlDocument(Element element, Supplier<ServiceException> malformed) {
        this.element = element;
        this.malformed = malformed;
    }

    /** Parses the body and checks its root element's name. */
    public static XmlDocument parse(byte[] body, String expectedRoot, Supplier<ServiceException> malformed) {
        if (body.length == 0) {
            throw malformed.get();
        }
        try {
            DocumentBuilder builder = FACTORY.newDocumentBuilder();
            builder.setErrorHandler(null);
            Element root = builder.parse(new ByteArrayInputStream(body)).getDocumentElement();
            if (!expectedRoot.equals(localName(root))) {
                throw malformed.get();
            }
            return new XmlDocument(root, malformed);
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw malformed.get();
        }
    }

    public List<XmlDocument> children(String name) {
        List<XmlDocument> found = new ArrayList<>();
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element child && name.equals(localName(child))) {
                found.add(new XmlDocument(child, malformed));
            }
        }
        return found;
    }

    public Optional<XmlDocument> child(String name) {
        return children(name).stream().findFirst();
    }

    /** The text of a child element, if present. */
    public Optional<String> text(String name) {
        return child(name).map(XmlDocument::text);
    }

    public String text() {
        return element.getTextContent().strip();
    }

    /** A child's true/false; absent is empty, anything else malformed. */
    public Optional<Boolean> bool(String name) {
        return text(name).map(value -> switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw malformed.get();
        });
    }

    /** A child's integer; absent is empty, anything else malformed. */
    public Optional<Integer> integer(String name) {
        return text(name).map(value -> {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw malformed.get();
            }
        });
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
