package org.dvcsconnector.refapp.web.rest;

import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.dvcsconnector.refapp.auth.RequestUser;
import org.dvcsconnector.refapp.plugin.ModuleDescriptor;
import org.dvcsconnector.refapp.plugin.Plugin;
import org.dvcsconnector.refapp.plugin.PluginDescriptor;
import org.dvcsconnector.refapp.plugin.PluginManager;
import org.dvcsconnector.refapp.plugin.PluginState;
import org.dvcsconnector.spi.UserManager;

/**
 * {@code GET /rest/plugins/1.0/}: installed plugins, their state (with the reason when disabled) and modules.
 * Admins only, as all admin REST: the list tells an attacker which versions run and why a plugin failed.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class PluginsResource {

    /** One plugin as UPM-style clients read it. */
    public record PluginJson(String key, String name, String version, String description, boolean enabled,
            PluginState state, String reason, List<ModuleJson> modules) {}

    /** One module of a plugin. */
    public record ModuleJson(String key, String completeKey, String type, String name, boolean enabled) {}

    private final PluginManager pluginManager;
    private final UserManager users;

    public PluginsResource(PluginManager pluginManager, UserManager users) {
        this.pluginManager = pluginManager;
        this.users = users;
    }

    @GET
    public Map<String, List<PluginJson>> plugins() {
        String user = RequestUser.username().orElseThrow(() -> new NotAuthorizedException(Response.status(401)
                .type(MediaType.APPLICATION_JSON).entity(Map.of("message", "Log in to see the installed apps.")).build()));
        if (!users.isAdmin(user)) {
            throw new ForbiddenException(Response.status(403).type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("message", "Only administrators can see the installed apps.")).build());
        }
        return Map.of("plugins", pluginManager.plugins().stream().map(PluginsResource::json).toList());
    }

    private static PluginJson json(Plugin plugin) {
        PluginDescriptor descriptor = plugin.descriptor().orElse(null);
        List<ModuleJson> modules = descriptor == null ? List.of() : descriptor.modules().stream()
                .map(m -> module(plugin, m)).toList();
        String version = descriptor != null ? descriptor.version()
                : plugin.bundle() == null ? "" : plugin.bundle().getVersion().toString();
        return new PluginJson(plugin.key(), descriptor == null ? plugin.key() : descriptor.name(), version,
                descriptor == null ? "" : descriptor.description(), plugin.state() == PluginState.ENABLED,
                plugin.state(), plugin.reason(), modules);
    }

    private static ModuleJson module(Plugin plugin, ModuleDescriptor module) {
        return new ModuleJson(module.key(), plugin.key() + ":" + module.key(), module.type(), module.name(),
                plugin.isModuleEnabled(module));
    }
}
