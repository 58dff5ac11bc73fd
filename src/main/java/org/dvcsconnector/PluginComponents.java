package org.dvcsconnector;

import java.util.Map;
import java.util.function.Supplier;
import org.dvcsconnector.account.AccountService;
import org.dvcsconnector.spi.ActiveObjects;
import org.dvcsconnector.spi.ApplicationProperties;
import org.dvcsconnector.spi.I18nResolver;
import org.dvcsconnector.spi.LifecycleAware;
import org.dvcsconnector.spi.LoginUriProvider;
import org.dvcsconnector.spi.ModuleFactory;
import org.dvcsconnector.spi.TemplateRenderer;
import org.dvcsconnector.spi.UserManager;
import org.dvcsconnector.spi.XsrfTokenValidator;
import org.dvcsconnector.web.AccessGuard;
import org.dvcsconnector.web.AccountsAdminServlet;
import org.dvcsconnector.web.rest.AccountsResource;
import org.dvcsconnector.web.rest.JsonErrorMapper;

/** The plugin's object graph, wired by hand in one place. */
final class PluginComponents implements ModuleFactory, LifecycleAware {

    private final Map<Class<?>, Supplier<?>> modules;

    PluginComponents(HostServices host) {
        UserManager userManager = host.get(UserManager.class);
        ActiveObjects activeObjects = host.get(ActiveObjects.class);
        AccessGuard accessGuard = new AccessGuard(userManager, host.get(LoginUriProvider.class));
        AccountService accountService = new AccountService(activeObjects);

        modules = Map.of(
                AccountsAdminServlet.class, () -> new AccountsAdminServlet(
                        accessGuard, accountService, host.get(TemplateRenderer.class),
                        host.get(XsrfTokenValidator.class), host.get(ApplicationProperties.class),
                        host.get(I18nResolver.class)),
                AccountsResource.class, () -> new AccountsResource(accessGuard, accountService),
                JsonErrorMapper.class, JsonErrorMapper::new);
    }

    @Override
    public <T> T createModule(Class<T> moduleClass) {
        Supplier<?> supplier = modules.get(moduleClass);
        return supplier == null ? null : moduleClass.cast(supplier.get());
    }

    @Override
    public void onStart() {
        // Background work (sync schedules) starts here once the tables exist.
    }

    @Override
    public void onStop() {
    }
}
