package org.dvcsconnector.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.dvcsconnector.api.DevEventType;
import org.dvcsconnector.spi.IssueService;
import org.dvcsconnector.trigger.TriggerAdmin;
import org.dvcsconnector.trigger.TriggerRules;

/**
 * Administration > Applications > Workflow triggers: rules, the service user, the trigger log and smart-commit
 * errors. Plain forms, XSRF-protected, post-redirect-get.
 */
public final class TriggersAdminServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String PATH = "/plugins/servlet/dvcs/triggers";

    private final transient AccessGuard accessGuard;
    private final transient TriggerAdmin triggers;
    private final transient IssueService issues;
    private final transient AdminPages pages;

    public TriggersAdminServlet(AccessGuard accessGuard, TriggerAdmin triggers, IssueService issues, AdminPages pages) {
        this.accessGuard = accessGuard;
        this.triggers = triggers;
        this.issues = issues;
        this.pages = pages;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (accessGuard.requireAdminPage(request, response).isEmpty()) {
            return;
        }
        page(request, response, Map.of(), Map.of());
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (accessGuard.requireAdminPage(request, response).isEmpty()) {
            return;
        }
        if (!pages.checkXsrf(request, response)) {
            return;
        }
        String action = Optional.ofNullable(request.getParameter("action")).orElse("");
        switch (action) {
            case "add" -> {
                try {
                    triggers.add(request.getParameter("project"), request.getParameter("event"),
                            request.getParameter("transition"));
                    Flash.success(request, "Rule added.");
                } catch (TriggerRules.InvalidRuleException e) {
                    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
                    page(request, response, e.errors(), Map.of("project", value(request, "project"),
                            "event", value(request, "event"), "transition", value(request, "transition")));
                    return;
                }
            }
            case "delete" -> {
                boolean deleted = parse(request.getParameter("id")).map(triggers::delete).orElse(false);
                if (deleted) {
                    Flash.success(request, "Rule deleted.");
                } else {
                    Flash.error(request, "There is no such rule.");
                }
            }
            case "service-user" -> {
                String username = request.getParameter("username");
                if (triggers.setServiceUser(username)) {
                    Flash.success(request, username == null || username.isBlank() ? "Service user cleared."
                            : "Triggers act as " + username.strip() + " when the actor is no user here.");
                } else {
                    Flash.error(request, "There is no user " + username + ".");
                }
            }
            default -> {
                response.sendError(HttpServletResponse.SC_BAD_REQUEST, "Unknown action.");
                return;
            }
        }
        response.sendRedirect(pages.baseUrl() + PATH);
    }

    private void page(HttpServletRequest request, HttpServletResponse response, Map<String, String> errors,
            Map<String, String> form) throws IOException {
        pages.render(request, response, "triggers", Map.of("rules", triggers.rules(),
                "projects", new TreeSet<>(issues.getAllProjectKeys()),
                "events", Arrays.stream(DevEventType.values()).map(DevEventType::key).toList(),
                "serviceUser", triggers.serviceUser().orElse(""), "log", triggers.log(),
                "smartCommitErrors", triggers.smartCommitErrors(), "errors", errors, "form", form,
                "time", new TimeFormat(ZoneId.systemDefault())));
    }

    private static String value(HttpServletRequest request, String name) {
        return Optional.ofNullable(request.getParameter(name)).orElse("");
    }

    private static Optional<Integer> parse(String id) {
        try {
            return Optional.of(Integer.parseInt(id));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
