package org.dvcsconnector.bitbucket.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.dvcsconnector.bitbucket.BitbucketEndpoints;
import org.dvcsconnector.bitbucket.BitbucketHttp;

/**
 * Bitbucket's OAuth 2.0 token endpoint (RFC 6749): client credentials, authorization code and refresh
 * token grants, the client authenticated with HTTP Basic. Successful answers are read by {@link TokenResponse}.
 */
public final class OAuthTokenClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OkHttpClient http;
    private final Clock clock;

    public OAuthTokenClient(OkHttpClient http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    public TokenGrant clientCredentials(BitbucketEndpoints endpoints, String clientId, String clientSecret)
            throws OAuthException {
        return token(endpoints, clientId, clientSecret, new FormBody.Builder().add("grant_type", "client_credentials"));
    }

    public TokenGrant authorizationCode(BitbucketEndpoints endpoints, String clientId, String clientSecret, String code,
            String redirectUri) throws OAuthException {
        return token(endpoints, clientId, clientSecret, new FormBody.Builder()
                .add("grant_type", "authorization_code").add("code", code).add("redirect_uri", redirectUri));
    }

    public TokenGrant refresh(BitbucketEndpoints endpoints, String clientId, String clientSecret, String refreshToken)
            throws OAuthException {
        return token(endpoints, clientId, clientSecret, new FormBody.Builder()
                .add("grant_type", "refresh_token").add("refresh_token", refreshToken));
    }

    /** Where to send the administrator to grant access: Bitbucket's authorize page. */
    public static String authorizeUrl(BitbucketEndpoints endpoints, String clientId, String state, String redirectUri) {
        return HttpUrl.get(endpoints.authorizeUrl()).newBuilder()
                .addQueryParameter("client_id", clientId)
                .addQueryParameter("response_type", "code")
                .addQueryParameter("state", state)
                .addQueryParameter("redirect_uri", redirectUri)
                .build().toString();
    }

    private TokenGrant token(BitbucketEndpoints endpoints, String clientId, String clientSecret, FormBody.Builder form)
            throws OAuthException {
        Request request = new Request.Builder()
                .url(endpoints.tokenUrl())
                .header("Authorization", Credentials.basic(clientId, clientSecret))
                .header("User-Agent", BitbucketHttp.USER_AGENT)
                .header("Accept", "application/json")
                .post(form.build())
                .build();
        try (Response response = http.newCall(request).execute()) {
            JsonNode body = parse(response.body());
            if (!response.isSuccessful()) {
                throw new OAuthException(response.code(), text(body, "error", "http_" + response.code()),
                        text(body, "error_description", response.message()));
            }
            return TokenResponse.read(body, clock.instant());
        } catch (IOException e) {
            throw new OAuthException(0, "unreachable", "Bitbucket's token endpoint " + endpoints.tokenUrl()
                    + " could not be reached: " + e.getMessage());
        }
    }

    private static JsonNode parse(ResponseBody body) {
        try {
            String text = body == null ? "" : body.string();
            return text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? fallback : value.asText();
    }
}
