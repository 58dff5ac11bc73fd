package org.dvcsconnector.refapp.web.resource;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.dvcsconnector.refapp.plugin.ModuleDescriptor;
import org.dvcsconnector.refapp.plugin.ModuleHandler;
import org.dvcsconnector.refapp.plugin.Plugin;
import org.w3c.dom.Element;

/**
 * {@code <web-resource>}: files a plugin declares for download, served under
 * {@code /download/resources/<pluginKey>:<moduleKey>/<name>}. Only declared names are served.
 */
public final class WebResourceRegistry implements ModuleHandler {

    /** A downloadable file: where it is in the plugin, and the loader that reads it. */
    public record Download(ClassLoader loader, String location) {}

    private final Map<String, Map<String, Download>> byCompleteKey = new ConcurrentHashMap<>();

    @Override
    public String type() {
        return "web-resource";
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public void enable(Plugin plugin, ModuleDescriptor module) {
        Map<String, Download> files = new HashMap<>();
        for (Element resource : module.children("resource")) {
            if ("download".equals(resource.getAttribute("type"))) {
                files.put(resource.getAttribute("name"), new Download(plugin.classLoader(), resource.getAttribute("location")));
            }
        }
        byCompleteKey.put(plugin.key() + ":" + module.key(), Map.copyOf(files));
    }

    @Override
    public void disable(Plugin plugin, ModuleDescriptor module) {
        byCompleteKey.remove(plugin.key() + ":" + module.key());
    }

    public Optional<Download> find(String completeKey, String name) {
        return Optional.ofNullable(byCompleteKey.getOrDefault(completeKey, Map.of()).get(name));
    }
}
