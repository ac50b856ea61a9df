package course.sandbox.protocol;

import course.sandbox.service.ServiceException;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A REST-XML request body read by element local names (a namespace is optional, as AWS accepts)
 * through {@link XmlElement}'s depth- and size-limited reader, which refuses DTDs and entities.
 * Whatever cannot be read is the error the service gives for malformed XML.
 */
public final class XmlDocument {
    private final XmlElement element;
    private final Supplier<ServiceException> malformed;

    private XmlDocument(XmlElement element, Supplier<ServiceException> malformed) {
        this.element = element;
        this.malformed = malformed;
    }

    /** Parses the body and checks its root element's name. */
    public static XmlDocument parse(byte[] body, String expectedRoot, Supplier<ServiceException> malformed) {
        if (body.length == 0) {
            throw malformed.get();
        }
        try {
            XmlElement root = XmlElement.parse(body);
            if (!expectedRoot.equals(root.name())) {
                throw malformed.get();
            }
            return new XmlDocument(root, malformed);
        } catch (XmlElement.Malformed e) {
            throw malformed.get();
        }
    }

    public List<XmlDocument> children(String name) {
        return element.children(name).stream().map(child -> new XmlDocument(child, malformed)).toList();
    }

    public Optional<XmlDocument> child(String name) {
        return children(name).stream().findFirst();
    }

    /** The text of a child element, if present. */
    public Optional<String> text(String name) {
        return child(name).map(XmlDocument::text);
    }

    public String text() {
        return element.text().strip();
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
}
