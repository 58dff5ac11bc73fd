package org.dvcsconnector.refapp.web.page;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dvcsconnector.refapp.auth.RequestUser;
import org.dvcsconnector.refapp.velocity.VelocityRenderer;
import org.dvcsconnector.refapp.web.fragment.WebFragments;
import org.dvcsconnector.spi.UserManager;
import org.dvcsconnector.spi.UserProfile;
import org.dvcsconnector.spi.XsrfTokenValidator;

/** Renders host pages inside the host's layout: top bar, and for admin pages the admin menu. */
public final class HostPages {

    /** Where plugins put admin menu sections, as in Jira. */
    public static final String ADMIN_MENU = "admin_plugins_menu";

    private final VelocityRenderer renderer;
    private final WebFragments fragments;
    private final UserManager userManager;
    private final XsrfTokenValidator xsrf;
    private final String applicationName;

    public HostPages(VelocityRenderer renderer, WebFragments fragments, UserManager userManager,
            XsrfTokenValidator xsrf, String applicationName) {
        this.renderer = renderer;
        this.fragments = fragments;
        this.userManager = userManager;
        this.xsrf = xsrf;
        this.applicationName = applicationName;
    }

    /** A page whose content is the host template {@code content} rendered with {@code context}. */
    public void render(HttpServletRequest request, HttpServletResponse response, String title, String content,
            Map<String, Object> context) throws IOException {
        Map<String, Object> all = new HashMap<>(context);
        all.put("atlToken", xsrf.getToken(request));
        all.put("contextPath", request.getContextPath());
        String bodyHtml = renderer.renderToString("refapp/templates/" + content + ".vm", withUser(all));
        write(response, layout(request, new Decorated(title, false, "", bodyHtml, null, null)));
    }

    /** An admin-area page of the host: content inside the admin layout, {@code activeTab} highlighted. */
    public void layoutAdmin(HttpServletRequest request, HttpServletResponse response, String title, String content,
            Map<String, Object> context, String activeTab) throws IOException {
        Map<String, Object> all = new HashMap<>(context);
        all.put("atlToken", xsrf.getToken(request));
        all.put("contextPath", request.getContextPath());
        String bodyHtml = renderer.renderToString("refapp/templates/" + content + ".vm", withUser(all));
        write(response, layout(request, new Decorated(title, false, "", bodyHtml, "host", activeTab)));
    }

    /** A plugin page that asked for a decorator: its head extras and body inside the host layout. */
    public String layout(HttpServletRequest request, Decorated page) {
        Map<String, Object> context = withUser(new HashMap<>());
        // A host page's title is text; a decorated plugin page's title is the plugin's (escaped) markup.
        context.put(page.titleIsHtml() ? "titleHtml" : "title", page.title());
        context.put("headHtml", page.headHtml());
        context.put("bodyHtml", page.bodyHtml());
        context.put("contextPath", request.getContextPath());
        context.put("applicationName", applicationName);
        context.put("atlToken", xsrf.getToken(request));
        boolean admin = page.activeSection() != null;
        context.put("adminPage", admin);
        if (admin) {
            String username = RequestUser.username().orElse(null);
            List<Map.Entry<WebFragments.Section, List<WebFragments.Item>>> menu = fragments.menu(ADMIN_MENU, username);
            context.put("adminMenu", menu);
            context.put("activeSection", page.activeSection());
            context.put("activeTab", page.activeTab() == null ? "" : page.activeTab());
        }
        return renderer.renderToString("refapp/templates/layout.vm", context);
    }

    public List<Map.Entry<WebFragments.Section, List<WebFragments.Item>>> adminMenu() {
        return fragments.menu(ADMIN_MENU, RequestUser.username().orElse(null));
    }

    private Map<String, Object> withUser(Map<String, Object> context) {
        Optional<UserProfile> user = userManager.getRemoteUser();
        context.put("user", user.orElse(null));
        context.put("isAdmin", user.map(u -> userManager.isAdmin(u.username())).orElse(false));
        return context;
    }

    static void write(HttpServletResponse response, String html) throws IOException {
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.getWriter().write(html);
    }

    /** The parts of a page the layout needs; an admin page names its active menu section and tab. */
    public record Decorated(String title, boolean titleIsHtml, String headHtml, String bodyHtml, String activeSection,
            String activeTab) {}
}
