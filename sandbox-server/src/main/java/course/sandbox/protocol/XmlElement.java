package course.sandbox.protocol;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/**
 * An element of an untrusted XML request body, read by local name (a namespace is optional, as
 * AWS accepts) with its own text and child elements. The reader streams the document without
 * recursion and refuses what no AWS request body needs: a DTD (so no entity can be declared or
 * fetched), nesting deeper than {@link #MAX_DEPTH}, or more than {@link #MAX_ELEMENTS} elements.
 */
public final class XmlElement {
    /** AWS's request bodies nest a few levels (Tagging/TagSet/Tag/Key is 4). */
    public static final int MAX_DEPTH = 32;
    /** A DeleteObjects body of 1,000 keys with version ids has ~3,000; CompleteMultipartUpload ~30,000. */
    public static final int MAX_ELEMENTS = 100_000;

    private static final XMLInputFactory FACTORY = secureFactory();

    private final String name;
    private final StringBuilder text = new StringBuilder();
    private final List<XmlElement> children = new ArrayList<>();

    private XmlElement(String name) {
        this.name = name;
    }

    /** The body's root element; {@link Malformed} when the body is not XML or breaks the limits above. */
    public static XmlElement parse(byte[] body) throws Malformed {
        XMLStreamReader reader = null;
        try {
            reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
            Deque<XmlElement> open = new ArrayDeque<>();
            XmlElement root = null;
            int elements = 0;
            while (reader.hasNext()) {
                switch (reader.next()) {
                    case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE ->
                            throw new Malformed("a DTD or an entity reference");
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (open.size() >= MAX_DEPTH || ++elements > MAX_ELEMENTS) {
                            throw new Malformed("nested deeper than " + MAX_DEPTH + " or more than " + MAX_ELEMENTS
                                    + " elements");
                        }
                        XmlElement element = new XmlElement(reader.getLocalName());
                        if (open.isEmpty()) {
                            root = element;
                        } else {
                            open.peek().children.add(element);
                        }
                        open.push(element);
                    }
                    case XMLStreamConstants.END_ELEMENT -> open.pop();
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (!open.isEmpty()) {
                            open.peek().text.append(reader.getText());
                        }
                    }
                    default -> {
                        // comments, processing instructions, the end of the document
                    }
                }
            }
            if (root == null) {
                throw new Malformed("no root element");
            }
            return root;
        } catch (XMLStreamException | RuntimeException unreadable) {
            throw new Malformed(unreadable.getMessage());
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // nothing held open: the body is an array
                }
            }
        }
    }

    /** The element's local name. */
    public String name() {
        return name;
    }

    /** The text directly inside the element, as written (not trimmed). */
    public String text() {
        return text.toString();
    }

    public List<XmlElement> children() {
        return Collections.unmodifiableList(children);
    }

    /** The children with local name {@code name}, in document order. */
    public List<XmlElement> children(String name) {
        return children.stream().filter(child -> child.name.equals(name)).toList();
    }

    private static XMLInputFactory secureFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        // Request bodies are untrusted: no DTDs, no external entities.
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    /** A body that is not well-formed XML, or one no AWS request body looks like. */
    public static final class Malformed extends Exception {
        Malformed(String reason) {
            super(reason, null, false, false);
        }
    }
}
