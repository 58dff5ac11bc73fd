package org.dvcsconnector.refapp.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dvcsconnector.testing.BitbucketFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** OAuth 2.0 as Bitbucket does it: authorize page, grants, rotation, expiry, scopes. */
class OAuthTest {

    static SimClient c;

    @BeforeAll
    static void start() {
        c = new SimClient();
    }

    @AfterAll
    static void stop() {
        c.close();
    }

    private String authorize(String decision, String state) {
        SimClient.Reply r = c.send("POST", "/site/oauth2/authorize", null, "application/x-www-form-urlencoded",
                ("client_id=demo-public&response_type=code&state=" + state + "&username=acme-admin&password=acme-admin&decision="
                        + decision).getBytes(StandardCharsets.UTF_8));
        assertThat(r.code()).isEqualTo(302);
        return URLDecoder.decode(r.header("Location"), StandardCharsets.UTF_8);
    }

    @Test
    void authorizationCodeFlowWithSingleUseCodes() {
        SimClient.Reply page = c.get("/site/oauth2/authorize?client_id=demo-public&response_type=code&state=%3Cscript%3E", null);
        assertThat(page.code()).isEqualTo(200);
        assertThat(page.text()).contains("DVCS Connector (public demo consumer)").contains("&lt;script&gt;")
                .doesNotContain("<script>");
        String location = authorize("grant", "xyz");
        assertThat(location).startsWith("http://localhost:2990/plugins/servlet/dvcs/oauth/callback?code=").endsWith("&state=xyz");
        String code = location.replaceAll(".*code=([^&]+).*", "$1");
        SimClient.Reply token = c.token("demo-public", "demo-public-secret", "grant_type=authorization_code&code=" + code);
        assertThat(token.code()).isEqualTo(200);
        JsonNode t = token.json();
        assertThat(t.path("scopes").asText()).isEqualTo("account repository pullrequest webhook");
        assertThat(t.path("expires_in").asInt()).isEqualTo(7200);
        assertThat(t.path("token_type").asText()).isEqualTo("bearer");
        assertThat(t.path("refresh_token").asText()).isNotBlank();
        assertThat(c.get("/2.0/user", t.path("access_token").asText()).json().path("nickname").asText()).isEqualTo("acme-admin");
        SimClient.Reply again = c.token("demo-public", "demo-public-secret", "grant_type=authorization_code&code=" + code);
        assertThat(again.code()).isEqualTo(400);
        assertThat(again.json().path("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void denyRedirectsWithAccessDenied() {
        assertThat(authorize("deny", "s1")).contains("error=access_denied").endsWith("state=s1");
    }

    @Test
    void wrongPasswordShowsThePageAgain() {
        SimClient.Reply r = c.send("POST", "/site/oauth2/authorize", null, "application/x-www-form-urlencoded",
                "client_id=demo-public&response_type=code&username=acme-admin&password=nope&decision=grant".getBytes(StandardCharsets.UTF_8));
        assertThat(r.code()).isEqualTo(200);
        assertThat(r.text()).contains("Incorrect username or password");
    }

    @Test
    void clientCredentialsOnlyForPrivateConsumers() {
        SimClient.Reply pub = c.token("demo-public", "demo-public-secret", "grant_type=client_credentials");
        assertThat(pub.code()).isEqualTo(400);
        assertThat(pub.json().path("error").asText()).isEqualTo("invalid_grant");
        assertThat(pub.json().path("error_description").asText()).contains("public");
        assertThat(c.token("demo-private", "wrong", "grant_type=client_credentials").code()).isEqualTo(401);
        SimClient.Reply viaForm = c.send("POST", "/site/oauth2/access_token", null, "application/x-www-form-urlencoded",
                "grant_type=client_credentials&client_id=demo-private&client_secret=demo-private-secret".getBytes(StandardCharsets.UTF_8));
        assertThat(viaForm.code()).isEqualTo(200);
        assertThat(c.token("demo-private", "demo-private-secret", "grant_type=password").json().path("error").asText())
                .isEqualTo("unsupported_grant_type");
    }

    @Test
    void refreshTokensRotate() {
        JsonNode first = c.token("demo-private", "demo-private-secret", "grant_type=client_credentials").json();
        String refresh = first.path("refresh_token").asText();
        SimClient.Reply second = c.token("demo-private", "demo-private-secret", "grant_type=refresh_token&refresh_token=" + refresh);
        assertThat(second.code()).isEqualTo(200);
        assertThat(second.json().path("refresh_token").asText()).isNotEqualTo(refresh);
        assertThat(c.get("/2.0/user", second.json().path("access_token").asText()).code()).isEqualTo(200);
        SimClient.Reply reused = c.token("demo-private", "demo-private-secret", "grant_type=refresh_token&refresh_token=" + refresh);
        assertThat(reused.code()).isEqualTo(400);
        assertThat(reused.json().path("error").asText()).isEqualTo("invalid_grant");
        assertThat(c.token("demo-public", "demo-public-secret", "grant_type=refresh_token&refresh_token="
                + second.json().path("refresh_token").asText()).code()).as("bound to its consumer").isEqualTo(400);
    }

    @Test
    void expiredAccessTokens() {
        c.control("POST", "/_sim/oauth", "{\"accessTokenTtlSeconds\":0}");
        try {
            JsonNode t = c.token("demo-private", "demo-private-secret", "grant_type=client_credentials").json();
            assertThat(t.path("expires_in").asInt()).isZero();
            SimClient.Reply r = c.get("/2.0/user", t.path("access_token").asText());
            assertThat(r.code()).isEqualTo(401);
            assertThat(r.json().path("error").path("message").asText()).isEqualTo("Access token expired.");
        } finally {
            c.control("POST", "/_sim/oauth", "{\"accessTokenTtlSeconds\":7200}");
        }
    }

    @Test
    void scopesAreEnforcedAsTheSpecSays() {
        String accountOnly = c.tokenWithScopes("acct", List.of("account"));
        SimClient.Reply denied = c.get("/2.0/repositories/acme/webapp", accountOnly);
        assertThat(denied.code()).isEqualTo(403);
        assertThat(denied.json().path("error").path("message").asText()).contains("privilege scopes");
        assertThat(denied.json().path("error").path("data").path("required").get(0).asText()).isEqualTo("repository");
        String pullrequest = c.tokenWithScopes("pr", List.of("pullrequest"));
        assertThat(c.get("/2.0/repositories/acme/webapp", pullrequest).code()).as("pullrequest implies repository").isEqualTo(200);
        String admin = c.tokenWithScopes("adm", List.of("repository:admin"));
        assertThat(c.get("/2.0/repositories/acme/webapp", admin).code()).as("admin does not imply read").isEqualTo(403);
        String noPr = c.tokenWithScopes("hooks", List.of("repository", "webhook"));
        assertThat(c.get("/2.0/repositories/acme/webapp/pullrequests", noPr).code()).isEqualTo(403);
        SimClient.Reply hook = c.json("POST", "/2.0/repositories/acme/webapp/hooks", noPr,
                "{\"url\":\"http://localhost:1/h\",\"events\":[\"pullrequest:created\"]}");
        assertThat(hook.code()).as("each event's scope is needed too").isEqualTo(403);
        assertThat(hook.json().path("error").path("detail").asText()).contains("pullrequest");
        String noWebhook = c.tokenWithScopes("nohook", List.of("repository"));
        assertThat(c.get("/2.0/repositories/acme/webapp/hooks", noWebhook).code()).isEqualTo(403);
    }

    @Test
    void everyRouteRequiresTheScopeTheSpecNames() throws Exception {
        JsonNode spec = SimClient.JSON.readTree(BitbucketFixtures.openApi());
        for (String[] route : c.sim.api().routes()) {
            String path = route[1].substring("/2.0".length());
            JsonNode op = spec.path("paths").path(path).path(route[0].toLowerCase());
            assertThat(op.isMissingNode()).as("spec has " + route[0] + " " + path).isFalse();
            JsonNode scopes = op.path("security").get(0).path("oauth2");
            String scope = scopes.isEmpty() ? "" : scopes.get(0).asText(); // [] : any token will do
            assertThat(route[2]).as("scope of " + route[0] + " " + path).isEqualTo(scope);
        }
    }
}
