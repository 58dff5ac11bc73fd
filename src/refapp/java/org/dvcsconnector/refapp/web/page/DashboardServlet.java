package org.dvcsconnector.refapp.web.page;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dvcsconnector.refapp.auth.RequestUser;
import org.dvcsconnector.refapp.tracker.Issue;
import org.dvcsconnector.refapp.tracker.Project;
import org.dvcsconnector.refapp.tracker.Tracker;

/** The start page: the projects the user may browse, each with its issues. */
public final class DashboardServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient HostPages pages;
    private final transient Tracker tracker;

    public DashboardServlet(HostPages pages, Tracker tracker) {
        this.pages = pages;
        this.tracker = tracker;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String user = RequestUser.username().orElse(null);
        if (user == null) {
            response.sendRedirect(request.getContextPath() + "/login");
            return;
        }
        Map<Project, List<Issue>> projects = new LinkedHashMap<>();
        for (Project project : tracker.actions().browsableProjects(user)) {
            projects.put(project, tracker.actions().projectIssues(user, project.key()));
        }
        pages.render(request, response, "Issues", "dashboard", Map.of("projects", projects));
    }
}
