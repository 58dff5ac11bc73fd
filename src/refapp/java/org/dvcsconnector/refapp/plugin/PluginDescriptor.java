package org.dvcsconnector.refapp.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** A parsed {@code atlassian-plugin.xml}. */
public record PluginDescriptor(String key, String name, String version, String description,
        List<ModuleDescriptor> modules) {

    public static final String FILE_NAME = "atlassian-plugin.xml";

    /** Parses the descriptor; XML external entities and DTDs are refused. */
    public static PluginDescriptor parse(InputStream in) throws InvalidDescriptorException {
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            document = builder.parse(in);
        } catch (SAXException e) {
            throw new InvalidDescriptorException(FILE_NAME + " is not well-formed XML: " + e.getMessage());
        } catch (IOException | ParserConfigurationException e) {
            throw new InvalidDescriptorException("Cannot read " + FILE_NAME + ": " + e.getMessage());
        }
        Element root = document.getDocumentElement();
        if (!"atlassian-plugin".equals(root.getTagName())) {
            throw new InvalidDescriptorException("The root element of " + FILE_NAME + " must be <atlassian-plugin>, not <"
                    + root.getTagName() + ">");
        }
        String key = required(root, "key");
        String name = root.hasAttribute("name") ? root.getAttribute("name") : key;
        String version = "";
        String description = "";
        List<ModuleDescriptor> modules = new ArrayList<>();
        Set<String> moduleKeys = new HashSet<>();
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element element)) {
                continue;
            }
            if (element.getTagName().equals("plugin-info")) {
                version = childText(element, "version");
                description = childText(element, "description");
                continue;
            }
            String moduleKey = element.getTagName().equals("resource") && !element.hasAttribute("key")
                    ? element.getAttribute("name")
                    : required(element, "key");
            if (!moduleKeys.add(element.getTagName() + ":" + moduleKey)) {
                throw new InvalidDescriptorException("Two <" + element.getTagName() + "> modules have the key '" + moduleKey + "'");
            }
            String moduleName = element.hasAttribute("name") ? element.getAttribute("name") : moduleKey;
            modules.add(new ModuleDescriptor(element.getTagName(), moduleKey, moduleName, element));
        }
        return new PluginDescriptor(key, name, version, description, List.copyOf(modules));
    }

    private static String required(Element element, String attribute) throws InvalidDescriptorException {
        String value = element.getAttribute(attribute).trim();
        if (value.isEmpty()) {
            throw new InvalidDescriptorException("<" + element.getTagName() + "> in " + FILE_NAME
                    + " has no '" + attribute + "' attribute");
        }
        return value;
    }

    private static String childText(Element parent, String tagName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tagName)) {
                return e.getTextContent().trim();
            }
        }
        return "";
    }

    /** A descriptor the host cannot use; the message says what is wrong. */
    public static final class InvalidDescriptorException extends Exception {
        private static final long serialVersionUID = 1L;

        public InvalidDescriptorException(String message) {
            super(message);
        }
    }
}
