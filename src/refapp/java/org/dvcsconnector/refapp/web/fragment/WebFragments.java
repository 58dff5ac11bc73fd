package org.dvcsconnector.refapp.web.fragment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.dvcsconnector.refapp.plugin.ModuleDescriptor;
import org.dvcsconnector.refapp.plugin.ModuleHandler;
import org.dvcsconnector.refapp.plugin.Plugin;
import org.dvcsconnector.spi.I18nResolver;
import org.dvcsconnector.spi.WebPanel;
import org.w3c.dom.Element;

/**
 * Web sections, web items and web panels of every enabled plugin (and the host's own), which host pages
 * place by location: the admin menu, the issue view's panel slots.
 */
public final class WebFragments {

    /** A menu section at a location, e.g. {@code admin_plugins_menu}. */
    public record Section(String key, String location, String label, int weight, String owner) {
        public String id() {
            return location + "/" + key;
        }
    }

    /** A link in a section; {@code condition} decides who sees it. */
    public record Item(String key, String section, String label, String link, String linkId, int weight,
            Condition condition, String owner) {}

    /** A fragment of a page at a location, rendered for a context. */
    public record Panel(String key, String location, int weight, WebPanel panel, Plugin plugin) {}

    /** Who sees a fragment, given the username or null when anonymous. */
    public interface Condition extends Predicate<String> {}

    private final List<Section> sections = new CopyOnWriteArrayList<>();
    private final List<Item> items = new CopyOnWriteArrayList<>();
    private final List<Panel> panels = new CopyOnWriteArrayList<>();
    private final I18nResolver i18n;
    private final Map<String, Condition> conditions;

    /** {@code conditions}: the condition classes the host understands, by name. */
    public WebFragments(I18nResolver i18n, Map<String, Condition> conditions) {
        this.i18n = i18n;
        this.conditions = conditions;
    }

    public void addHostSection(Section section) {
        sections.add(section);
    }

    public void addHostItem(Item item) {
        items.add(item);
    }

    /** Sections at {@code location} that hold at least one item {@code username} may see, by weight. */
    public List<Map.Entry<Section, List<Item>>> menu(String location, String username) {
        List<Map.Entry<Section, List<Item>>> menu = new ArrayList<>();
        sections.stream().filter(s -> s.location().equals(location))
                .sorted(Comparator.comparingInt(Section::weight).thenComparing(Section::label))
                .forEach(section -> {
                    List<Item> visible = items.stream()
                            .filter(i -> i.section().equals(section.id()) && i.condition().test(username))
                            .sorted(Comparator.comparingInt(Item::weight).thenComparing(Item::label))
                            .toList();
                    if (!visible.isEmpty()) {
                        menu.add(Map.entry(section, visible));
                    }
                });
        return menu;
    }

    public List<Panel> panels(String location) {
        return panels.stream().filter(p -> p.location().equals(location))
                .sorted(Comparator.comparingInt(Panel::weight)).toList();
    }

    public List<ModuleHandler> handlers(PanelFactory panelFactory) {
        return List.of(new SectionHandler(), new ItemHandler(), new PanelHandler(panelFactory));
    }

    /** Makes the {@link WebPanel} of a {@code <web-panel>} module: its class, or its Velocity resource. */
    @FunctionalInterface
    public interface PanelFactory {
        WebPanel create(Plugin plugin, ModuleDescriptor module) throws Exception;
    }

    private String label(ModuleDescriptor module) {
        return module.child("label")
                .map(l -> l.hasAttribute("key") ? i18n.getText(l.getAttribute("key")) : l.getTextContent().trim())
                .orElse(module.name());
    }

    private Condition condition(ModuleDescriptor module) {
        Optional<Element> element = module.child("condition");
        if (element.isEmpty()) {
            return user -> true;
        }
        String name = element.get().getAttribute("class");
        Condition condition = conditions.get(name);
        if (condition == null) {
            throw new IllegalArgumentException("Unknown condition class '" + name + "'; the host knows " + conditions.keySet());
        }
        return "true".equals(element.get().getAttribute("invert")) ? user -> !condition.test(user) : condition;
    }

    private final class SectionHandler implements ModuleHandler {
        @Override
        public String type() {
            return "web-section";
        }

        @Override
        public int order() {
            return 70;
        }

        @Override
        public void enable(Plugin plugin, ModuleDescriptor module) {
            sections.add(new Section(module.key(), module.attribute("location"), label(module), module.weight(), plugin.key()));
        }

        @Override
        public void disable(Plugin plugin, ModuleDescriptor module) {
            sections.removeIf(s -> s.owner().equals(plugin.key()) && s.key().equals(module.key()));
        }
    }

    private final class ItemHandler implements ModuleHandler {
        @Override
        public String type() {
            return "web-item";
        }

        @Override
        public int order() {
            return 71;
        }

        @Override
        public void enable(Plugin plugin, ModuleDescriptor module) {
            Element link = module.child("link").orElseThrow(
                    () -> new IllegalArgumentException("web-item " + module.key() + " has no <link>"));
            items.add(new Item(module.key(), module.attribute("section"), label(module), link.getTextContent().trim(),
                    link.hasAttribute("linkId") ? link.getAttribute("linkId") : module.key(), module.weight(),
                    condition(module), plugin.key()));
        }

        @Override
        public void disable(Plugin plugin, ModuleDescriptor module) {
            items.removeIf(i -> i.owner().equals(plugin.key()) && i.key().equals(module.key()));
        }
    }

    private final class PanelHandler implements ModuleHandler {
        private final PanelFactory factory;

        PanelHandler(PanelFactory factory) {
            this.factory = factory;
        }

        @Override
        public String type() {
            return "web-panel";
        }

        @Override
        public int order() {
            return 72;
        }

        @Override
        public void enable(Plugin plugin, ModuleDescriptor module) throws Exception {
            panels.add(new Panel(module.key(), module.attribute("location"), module.weight(), factory.create(plugin, module), plugin));
        }

        @Override
        public void disable(Plugin plugin, ModuleDescriptor module) {
            panels.removeIf(p -> p.plugin() == plugin && p.key().equals(module.key()));
        }
    }
}
