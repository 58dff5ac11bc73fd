package org.dvcsconnector.refapp.web.page;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.dvcsconnector.refapp.web.auth.LoginThrottle;
import org.dvcsconnector.refapp.web.auth.Sessions;
import org.dvcsconnector.spi.XsrfTokenValidator;

/** {@code /login} (form and post) and {@code /logout} (post only: logging out changes state). */
public final class LoginServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String FAILED = "Sorry, your username and password are incorrect - please try again.";

    private final transient HostPages pages;
    private final transient LoginThrottle logins;
    private final transient XsrfTokenValidator xsrf;

    public LoginServlet(HostPages pages, LoginThrottle logins, XsrfTokenValidator xsrf) {
        this.pages = pages;
        this.logins = logins;
        this.xsrf = xsrf;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getServletPath().equals("/logout")) {
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED, "Log out with the button in the top bar.");
            return;
        }
        form(request, response, null, "");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!xsrf.validateFormEncodedToken(request)) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            form(request, response, "Your session expired or the form was sent from elsewhere. Please try again.",
                    request.getParameter("os_username"));
            return;
        }
        if (request.getServletPath().equals("/logout")) {
            Sessions.logOut(request);
            response.sendRedirect(request.getContextPath() + "/login");
            return;
        }
        String username = Optional.ofNullable(request.getParameter("os_username")).orElse("").trim();
        String password = Optional.ofNullable(request.getParameter("os_password")).orElse("");
        LoginThrottle.Result result = username.isEmpty() || username.length() > 255 || password.length() > 1024
                ? new LoginThrottle.Result.Refused() : logins.attempt(username, password, request.getRemoteAddr());
        if (result instanceof LoginThrottle.Result.Throttled throttled) {
            long seconds = LoginThrottle.seconds(throttled.retryAfter());
            response.setStatus(429);
            response.setHeader("Retry-After", Long.toString(seconds));
            form(request, response, "Too many failed logins. Please try again in " + seconds
                    + (seconds == 1 ? " second." : " seconds."), username);
            return;
        }
        Optional<String> user = result instanceof LoginThrottle.Result.Success success
                ? Optional.of(success.username()) : Optional.empty();
        if (user.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            form(request, response, FAILED, username);
            return;
        }
        Sessions.logIn(request, user.get());
        String destination = LoginRedirects.safeDestination(request.getParameter(LoginRedirects.DESTINATION));
        response.sendRedirect(request.getContextPath() + destination);
    }

    private void form(HttpServletRequest request, HttpServletResponse response, String error, String username)
            throws IOException {
        Map<String, Object> context = new HashMap<>();
        context.put("error", error);
        context.put("username", username == null ? "" : username);
        context.put("destination", LoginRedirects.safeDestination(request.getParameter(LoginRedirects.DESTINATION)));
        pages.render(request, response, "Log in", "login", context);
    }
}
