package org.dvcsconnector.refapp.i18n;

import java.io.IOException;
import org.dvcsconnector.refapp.plugin.ModuleDescriptor;
import org.dvcsconnector.refapp.plugin.ModuleHandler;
import org.dvcsconnector.refapp.plugin.Plugin;

/** Top-level {@code <resource type="i18n" location="…">}: the plugin's messages. Other resources are ignored. */
public final class I18nModuleHandler implements ModuleHandler {

    private final HostI18nResolver resolver;

    public I18nModuleHandler(HostI18nResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public String type() {
        return "resource";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public void enable(Plugin plugin, ModuleDescriptor module) throws IOException {
        if ("i18n".equals(module.attribute("type"))) {
            resolver.add(plugin.key(), plugin.classLoader(), module.attribute("location"));
        }
    }

    @Override
    public void disable(Plugin plugin, ModuleDescriptor module) {
        if ("i18n".equals(module.attribute("type"))) {
            resolver.remove(plugin.key());
        }
    }
}
