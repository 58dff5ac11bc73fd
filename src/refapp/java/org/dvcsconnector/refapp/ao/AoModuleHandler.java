package org.dvcsconnector.refapp.ao;

import java.util.ArrayList;
import java.util.List;
import net.java.ao.RawEntity;
import org.dvcsconnector.refapp.plugin.ModuleDescriptor;
import org.dvcsconnector.refapp.plugin.ModuleHandler;
import org.dvcsconnector.refapp.plugin.Plugin;

/** {@code <ao>}: migrates the plugin's entities before any other module of it is enabled. */
public final class AoModuleHandler implements ModuleHandler {

    private final ActiveObjectsFactory factory;

    public AoModuleHandler(ActiveObjectsFactory factory) {
        this.factory = factory;
    }

    @Override
    public String type() {
        return "ao";
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void enable(Plugin plugin, ModuleDescriptor module) throws ClassNotFoundException {
        List<Class<? extends RawEntity<?>>> entities = new ArrayList<>();
        for (String className : module.childTexts("entity")) {
            entities.add((Class<? extends RawEntity<?>>) plugin.loadClass(className, RawEntity.class));
        }
        factory.forPlugin(plugin.key()).migrate(entities.toArray(Class[]::new));
    }

    @Override
    public void disable(Plugin plugin, ModuleDescriptor module) {
        // Tables and data stay: disabling a plugin must never lose its data.
    }
}
