package course.sandbox.iam.query;

import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A parsed response for tests; XPath over element names (the parser ignores namespaces). */
public final class ParsedXml {
    private final Document doc;

    private ParsedXml(Document doc) {
        this.doc = doc;
    }

    public static ParsedXml parse(String xml) {
        try {
            return new ParsedXml(DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + xml, e);
        }
    }

    public String rootName() {
        return doc.getDocumentElement().getTagName();
    }

    public String namespace() {
        return doc.getDocumentElement().getAttribute("xmlns");
    }

    /** Text of the node at the path, or null when absent. */
    public String text(String xpath) {
        List<String> all = texts(xpath);
        return all.isEmpty() ? null : all.get(0);
    }

    public List<String> texts(String xpath) {
        try {
            NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, doc, XPathConstants.NODESET);
            List<String> values = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                values.add(nodes.item(i).getTextContent());
            }
            return values;
        } catch (XPathExpressionException e) {
            throw new AssertionError(e);
        }
    }

    public boolean has(String xpath) {
        return !texts(xpath).isEmpty();
    }
}
