package org.dvcsconnector.refapp.web.page;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dvcsconnector.refapp.auth.RequestUser;
import org.dvcsconnector.refapp.plugin.ContextClassLoader;
import org.dvcsconnector.refapp.tracker.IssueDetails;
import org.dvcsconnector.refapp.tracker.Tracker;
import org.dvcsconnector.refapp.web.fragment.WebFragments;
import org.dvcsconnector.spi.IssueOperationException;
import org.dvcsconnector.spi.XsrfTokenValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /browse/KEY-1}: the issue view with its transitions, comments, work log, and the web panels
 * plugins put in its right-hand column. Posts (transition, comment) carry the XSRF token.
 */
public final class IssueViewServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(IssueViewServlet.class);
    private static final int MAX_COMMENT = 32 * 1024;

    private final transient HostPages pages;
    private final transient Tracker tracker;
    private final transient WebFragments fragments;
    private final transient XsrfTokenValidator xsrf;
    private final String panelLocation;

    public IssueViewServlet(HostPages pages, Tracker tracker, WebFragments fragments, XsrfTokenValidator xsrf,
            String panelLocation) {
        this.pages = pages;
        this.tracker = tracker;
        this.fragments = fragments;
        this.xsrf = xsrf;
        this.panelLocation = panelLocation;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        show(request, response, null);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String user = RequestUser.username().orElse(null);
        String key = key(request);
        if (user == null) {
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        if (!xsrf.validateFormEncodedToken(request)) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            show(request, response, "The form was sent without a valid security token; nothing was changed. Please try again.");
            return;
        }
        try {
            String action = Optional.ofNullable(request.getParameter("action")).orElse("");
            switch (action) {
                case "transition" -> tracker.actions().transition(user, key, request.getParameter("transition"), null);
                case "comment" -> {
                    String body = Optional.ofNullable(request.getParameter("body")).orElse("").strip();
                    if (body.isEmpty() || body.length() > MAX_COMMENT) {
                        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
                        show(request, response, "A comment needs text, at most 32 kB.");
                        return;
                    }
                    tracker.actions().addComment(user, key, body, tracker.clock().instant());
                }
                default -> {
                    response.sendError(HttpServletResponse.SC_BAD_REQUEST, "Unknown action.");
                    return;
                }
            }
        } catch (IssueOperationException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            show(request, response, e.getMessage());
            return;
        }
        response.sendRedirect(request.getContextPath() + "/browse/" + URLEncoder.encode(key, StandardCharsets.UTF_8));
    }

    private void show(HttpServletRequest request, HttpServletResponse response, String error) throws IOException {
        String user = RequestUser.username().orElse(null);
        String key = key(request);
        if (user == null) {
            LoginRedirects.toLogin(request, response);
            return;
        }
        Optional<IssueDetails> details = tracker.actions().details(user, key);
        if (details.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "Issue does not exist or you do not have permission to see it.");
            return;
        }
        IssueDetails issue = details.get();
        Map<String, Object> context = new HashMap<>();
        context.put("details", issue);
        context.put("transitions", tracker.actions().transitions(user, issue.issue().key()));
        context.put("error", error);
        context.put("panels", panels(issue, user));
        pages.render(request, response, "[" + issue.issue().key() + "] " + issue.issue().summary(), "issue", context);
    }

    /** Each panel's HTML; a failing panel shows a short notice instead of breaking the page. */
    private List<Map<String, String>> panels(IssueDetails issue, String user) {
        Map<String, Object> context = new HashMap<>();
        context.put("issueKey", issue.issue().key());
        context.put("projectKey", issue.project().key());
        tracker.userManager().getUserProfile(user).ifPresent(u -> context.put("user", u));
        List<Map<String, String>> result = new ArrayList<>();
        for (WebFragments.Panel panel : fragments.panels(panelLocation)) {
            String html;
            try {
                html = ContextClassLoader.with(panel.plugin().classLoader(), () -> panel.panel().getHtml(Map.copyOf(context)));
            } catch (RuntimeException e) {
                LOG.error("Web panel {} of {} failed on {}", panel.key(), panel.plugin().key(), issue.issue().key(), e);
                html = "<p class=\"error\">This panel could not be shown; the server log has the details.</p>";
            }
            result.add(Map.of("key", panel.key(), "contentHtml", html));
        }
        return result;
    }

    private static String key(HttpServletRequest request) {
        String path = request.getPathInfo();
        return path == null ? "" : path.substring(1);
    }
}
