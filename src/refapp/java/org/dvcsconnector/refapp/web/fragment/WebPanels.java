package org.dvcsconnector.refapp.web.fragment;

import java.util.Map;
import org.dvcsconnector.refapp.plugin.ModuleDescriptor;
import org.dvcsconnector.refapp.plugin.Plugin;
import org.dvcsconnector.refapp.velocity.VelocityRenderer;
import org.dvcsconnector.spi.WebPanel;
import org.w3c.dom.Element;

/** Builds a {@code <web-panel>}'s {@link WebPanel}: its {@code class}, or its {@code <resource type="velocity">}. */
public final class WebPanels {

    private WebPanels() {}

    public static WebPanel create(Plugin plugin, ModuleDescriptor module) throws Exception {
        String className = module.attribute("class");
        if (className != null) {
            return plugin.instantiate(plugin.loadClass(className, WebPanel.class));
        }
        Element view = module.children("resource").stream()
                .filter(r -> "velocity".equals(r.getAttribute("type")))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "web-panel " + module.key() + " needs a class or a <resource type=\"velocity\">"));
        VelocityRenderer renderer = new VelocityRenderer(plugin.classLoader());
        String location = view.getAttribute("location");
        return (Map<String, Object> context) -> renderer.renderToString(location, context);
    }
}
