package org.dvcsconnector.refapp.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** One module element of {@code atlassian-plugin.xml}: its type (element name), key, and the element itself. */
public record ModuleDescriptor(String type, String key, String name, Element element) {

    public String attribute(String name) {
        return element.hasAttribute(name) ? element.getAttribute(name).trim() : null;
    }

    public int weight() {
        String weight = attribute("weight");
        try {
            return weight == null ? 1000 : Integer.parseInt(weight);
        } catch (NumberFormatException e) {
            return 1000;
        }
    }

    public List<Element> children(String tagName) {
        List<Element> result = new ArrayList<>();
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child && child.getTagName().equals(tagName)) {
                result.add(child);
            }
        }
        return result;
    }

    public Optional<Element> child(String tagName) {
        return children(tagName).stream().findFirst();
    }

    public List<String> childTexts(String tagName) {
        return children(tagName).stream().map(e -> e.getTextContent().trim()).toList();
    }
}
