package org.dvcsconnector.refapp.web.page;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.dvcsconnector.refapp.auth.RequestUser;
import org.dvcsconnector.refapp.plugin.PluginManager;
import org.dvcsconnector.spi.UserManager;

/** {@code /secure/admin}: the administration area, its menu built from web sections and items. */
public final class AdminServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient HostPages pages;
    private final transient UserManager userManager;
    private final transient PluginManager pluginManager;

    public AdminServlet(HostPages pages, UserManager userManager, PluginManager pluginManager) {
        this.pages = pages;
        this.userManager = userManager;
        this.pluginManager = pluginManager;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!requireAdmin(request, response, userManager)) {
            return;
        }
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        Map<String, Object> context = new HashMap<>();
        context.put("menu", pages.adminMenu());
        if (path.equals("/plugins")) {
            context.put("plugins", pluginManager.plugins());
            pages.layoutAdmin(request, response, "Manage apps", "admin-plugins", context, "host-system/plugins");
        } else if (path.equals("/") || path.isEmpty()) {
            pages.layoutAdmin(request, response, "Administration", "admin-home", context, "");
        } else {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    /** Sends anonymous users to log in and non-admins a 403; true when the caller is an admin. */
    static boolean requireAdmin(HttpServletRequest request, HttpServletResponse response, UserManager userManager)
            throws IOException {
        String user = RequestUser.username().orElse(null);
        if (user == null) {
            LoginRedirects.toLogin(request, response);
            return false;
        }
        if (!userManager.isAdmin(user)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "Only administrators may open the administration area.");
            return false;
        }
        return true;
    }
}
