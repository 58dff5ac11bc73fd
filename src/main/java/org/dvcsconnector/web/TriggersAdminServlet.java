package org.dvcsconnector.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.dvcsconnector.api.DevEventType;
import org.dvcsconnector.spi.IssueService;
import org.dvcsconnector.trigger.TriggerAdmin;
import org.dvcsconnector.trigger.TriggerRule;
import org.dvcsconnector.trigger.TriggerRules;

/**
 * Administration > Applications > Workflow triggers: rules (add, edit, delete), the service user, strict mode, the
 * trigger log and smart-commit errors. Plain forms, XSRF-protected, post-redirect-get; {@code triggers.js} only
 * narrows the transitions to the chosen project and asks before a delete.
 */
public final class TriggersAdminServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String PATH = "/plugins/servlet/dvcs/triggers";
    private static final ObjectMapper JSON = new ObjectMapper();

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

    /** {@code ?edit=<id>} opens the form on that rule. */
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (accessGuard.requireAdminPage(request, response).isEmpty()) {
            return;
        }
        Optional<TriggerRule> editing = parse(request.getParameter("edit")).flatMap(triggers::rule);
        if (request.getParameter("edit") != null && editing.isEmpty()) {
            Flash.error(request, "There is no such rule.");
        }
        Map<String, String> form = editing.map(r -> Map.of("id", Integer.toString(r.id()), "project", r.project(),
                "event", r.event(), "transition", r.transition(), "strict", Boolean.toString(r.strict())))
                .orElse(Map.of());
        page(request, response, Map.of(), form);
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
            case "add", "update" -> {
                if (!saveRule(request, response, action.equals("update"))) {
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
            case "strict" -> {
                boolean strict = "true".equals(request.getParameter("strict"));
                triggers.setStrict(strict);
                Flash.success(request, strict ? "Rules now fire only when the actor is a user here."
                        : "Rules now fire as DVCS Connector when the actor is no user here and no service user is set.");
            }
            default -> {
                response.sendError(HttpServletResponse.SC_BAD_REQUEST, "Unknown action.");
                return;
            }
        }
        response.sendRedirect(pages.baseUrl() + PATH);
    }

    /** False when the page was rendered again with the errors (400), nothing saved. */
    private boolean saveRule(HttpServletRequest request, HttpServletResponse response, boolean update)
            throws IOException {
        TriggerRules.Input input = new TriggerRules.Input(request.getParameter("project"), request.getParameter("event"),
                request.getParameter("transition"), "true".equals(request.getParameter("strict")));
        try {
            if (!update) {
                triggers.add(input);
                Flash.success(request, "Rule added.");
            } else if (parse(request.getParameter("id")).flatMap(id -> triggers.update(id, input)).isPresent()) {
                Flash.success(request, "Rule saved.");
            } else {
                Flash.error(request, "There is no such rule.");
            }
            return true;
        } catch (TriggerRules.InvalidRuleException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            Map<String, String> form = new HashMap<>();
            for (String field : List.of("id", "project", "event", "transition", "strict")) {
                form.put(field, Optional.ofNullable(request.getParameter(field)).orElse(""));
            }
            if (!update) {
                form.remove("id");
            }
            page(request, response, e.errors(), form);
            return false;
        }
    }

    private void page(HttpServletRequest request, HttpServletResponse response, Map<String, String> errors,
            Map<String, String> form) throws IOException {
        Map<String, List<String>> transitions = triggers.transitionsByProject();
        Map<String, String> values = new HashMap<>(Map.of("project", TriggerRule.ALL_PROJECTS, "event", "",
                "transition", "", "strict", ""));
        values.putAll(form);
        String project = values.get("project");
        Map<String, Object> context = new HashMap<>();
        context.put("rules", triggers.rules());
        context.put("projects", new TreeSet<>(issues.getAllProjectKeys()));
        context.put("events", Arrays.stream(DevEventType.values()).map(DevEventType::key).toList());
        context.put("transitions", transitions.getOrDefault(project, transitions.get(TriggerRule.ALL_PROJECTS)));
        context.put("transitionsJson", json(transitions));
        context.put("serviceUser", triggers.serviceUser().orElse(""));
        context.put("strict", triggers.strict());
        context.put("log", triggers.log());
        context.put("smartCommitErrors", triggers.smartCommitErrors());
        context.put("errors", errors);
        context.put("form", values);
        context.put("time", new TimeFormat(ZoneId.systemDefault()));
        pages.render(request, response, "triggers", context);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<Integer> parse(String id) {
        try {
            return Optional.of(Integer.parseInt(id));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
