package org.dvcsconnector.refapp.simulator.oauth;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import org.dvcsconnector.refapp.simulator.http.Exchange;
import org.dvcsconnector.refapp.simulator.http.Params;
import org.dvcsconnector.refapp.simulator.model.People;
import org.dvcsconnector.refapp.simulator.model.User;

/**
 * {@code /site/oauth2/authorize} (a page where a simulator user logs in and grants or denies) and
 * {@code /site/oauth2/access_token} (RFC 6749 token endpoint with HTTP Basic client authentication, or
 * {@code client_id}/{@code client_secret} form fields, as Bitbucket accepts both).
 */
public final class OAuthEndpoints {

    private final OAuthService oauth;
    private final People people;
    private final String template;

    public OAuthEndpoints(OAuthService oauth, People people) {
        this.oauth = oauth;
        this.people = people;
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("/simulator/authorize.html"))) {
            this.template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void authorizePage(Exchange ex) {
        Params q = ex.query();
        Consumer consumer = oauth.consumer(q.first("client_id")).orElse(null);
        if (consumer == null) {
            page(ex, 400, null, q, "Invalid client_id: no such OAuth consumer.");
            return;
        }
        if (!"code".equals(q.first("response_type"))) {
            page(ex, 400, consumer, q, "Unsupported response_type: only \"code\" is supported.");
            return;
        }
        String redirect = redirectUri(consumer, q.first("redirect_uri"));
        if (redirect == null) {
            page(ex, 400, consumer, q, "The redirect_uri does not match the consumer's callback URL.");
            return;
        }
        page(ex, 200, consumer, q, "");
    }

    public void authorizeDecision(Exchange ex) {
        Params f = ex.form();
        Consumer consumer = oauth.consumer(f.first("client_id")).orElse(null);
        String redirect = consumer == null ? null : redirectUri(consumer, emptyToNull(f.first("redirect_uri")));
        if (redirect == null) {
            page(ex, 400, consumer, f, "Invalid client_id or redirect_uri.");
            return;
        }
        String state = f.first("state");
        if ("deny".equals(f.first("decision"))) {
            ex.redirect(withParams(redirect, Map.of("error", "access_denied",
                    "error_description", "The user denied access to the account."), state));
            return;
        }
        User user = people.user(f.first("username")).orElse(null);
        if (user == null || !user.password().equals(f.first("password"))) {
            page(ex, 200, consumer, f, "Incorrect username or password.");
            return;
        }
        String code = oauth.issueCode(consumer, user.username(), emptyToNull(f.first("redirect_uri")));
        ex.redirect(withParams(redirect, Map.of("code", code), state));
    }

    public void token(Exchange ex) {
        try {
            Params form = ex.form();
            Consumer consumer = clientFrom(ex, form);
            OAuthService.Issued issued = switch (String.valueOf(form.first("grant_type"))) {
                case "authorization_code" -> oauth.exchangeCode(consumer, form.first("code"), emptyToNull(form.first("redirect_uri")));
                case "client_credentials" -> oauth.clientCredentials(consumer);
                case "refresh_token" -> oauth.refresh(consumer, form.first("refresh_token"));
                case "null" -> throw new OAuthError(400, "invalid_request", "Missing grant_type parameter");
                default -> throw new OAuthError(400, "unsupported_grant_type", "Unsupported grant type: " + form.first("grant_type"));
            };
            ex.header("Cache-Control", "no-store");
            ex.json(200, g -> {
                g.writeStartObject();
                g.writeStringField("access_token", issued.access().token());
                g.writeStringField("scopes", String.join(" ", issued.access().granted()));
                g.writeNumberField("expires_in", issued.expiresIn());
                g.writeStringField("refresh_token", issued.refreshToken());
                g.writeStringField("token_type", "bearer");
                g.writeStringField("state", issued.grantType());
                g.writeEndObject();
            });
        } catch (OAuthError e) {
            if (e.status() == 401) {
                ex.header("WWW-Authenticate", "Basic realm=\"Bitbucket.org HTTP\"");
            }
            ex.json(e.status(), g -> {
                g.writeStartObject();
                g.writeStringField("error", e.code());
                g.writeStringField("error_description", e.getMessage());
                g.writeEndObject();
            });
        }
    }

    private Consumer clientFrom(Exchange ex, Params form) {
        String auth = ex.header("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new OAuthError(401, "invalid_client", "Malformed HTTP Basic credentials");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new OAuthError(401, "invalid_client", "Malformed HTTP Basic credentials");
            }
            return oauth.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1));
        }
        if (form.first("client_id") != null) {
            return oauth.authenticate(form.first("client_id"), form.first("client_secret"));
        }
        throw new OAuthError(401, "invalid_client", "Client credentials missing: use HTTP Basic authentication");
    }

    /** The redirect target: the consumer's callback, or a requested URI under it (Bitbucket's rule). */
    private static String redirectUri(Consumer consumer, String requested) {
        String callback = consumer.callbackUrl();
        if (requested == null) {
            return callback;
        }
        return callback != null && requested.startsWith(callback) ? requested : null;
    }

    private static String withParams(String base, Map<String, String> params, String state) {
        StringBuilder sb = new StringBuilder(base).append(base.contains("?") ? '&' : '?');
        params.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> sb.append(e.getKey()).append('=').append(enc(e.getValue())).append('&'));
        if (state != null && !state.isEmpty()) {
            sb.append("state=").append(enc(state)).append('&');
        }
        return sb.substring(0, sb.length() - 1);
    }

    private void page(Exchange ex, int status, Consumer consumer, Params p, String error) {
        StringBuilder scopes = new StringBuilder();
        if (consumer != null) {
            for (String s : consumer.scopes()) {
                scopes.append("<li>").append(esc(s)).append("</li>");
            }
        }
        String html = template
                .replace("{{consumer}}", esc(consumer == null ? "Unknown application" : consumer.name()))
                .replace("{{scopes}}", scopes.toString())
                .replace("{{error}}", esc(error))
                .replace("{{client_id}}", esc(p.first("client_id")))
                .replace("{{state}}", esc(p.first("state")))
                .replace("{{redirect_uri}}", esc(p.first("redirect_uri")))
                .replace("{{username}}", esc(p.first("username")));
        ex.header("X-Frame-Options", "DENY");
        ex.send(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
