package org.dvcsconnector.refapp.simulator.oauth;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Consumers, authorization codes, access and refresh tokens, as Bitbucket's OAuth 2.0 server keeps them.
 * Codes are single-use, expire after {@link #CODE_TTL} and are bound to the consumer and redirect URI.
 * Refresh tokens rotate: using one retires it and returns a new one. Access tokens expire after the
 * configurable TTL (Bitbucket: 7200 s).
 */
public final class OAuthService {

    static final Duration CODE_TTL = Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Consumer> consumers = new ConcurrentHashMap<>();
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, AccessToken> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, Grant> refreshTokens = new ConcurrentHashMap<>();
    private final Clock clock;
    private volatile Duration accessTokenTtl;

    public OAuthService(Clock clock, Duration accessTokenTtl) {
        this.clock = clock;
        this.accessTokenTtl = accessTokenTtl;
    }

    public void addConsumer(Consumer consumer) {
        consumers.put(consumer.key(), consumer);
    }

    public Optional<Consumer> consumer(String key) {
        return key == null ? Optional.empty() : Optional.ofNullable(consumers.get(key));
    }

    public void accessTokenTtl(Duration ttl) {
        this.accessTokenTtl = ttl;
    }

    public Duration accessTokenTtl() {
        return accessTokenTtl;
    }

    public Instant now() {
        return clock.instant();
    }

    /** The consumer these client credentials identify (constant-time secret check). */
    public Consumer authenticate(String key, String secret) {
        Consumer c = consumer(key).orElse(null);
        if (c == null || secret == null || !MessageDigest.isEqual(c.secret().getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8))) {
            throw new OAuthError(401, "invalid_client", "Invalid OAuth client credentials");
        }
        return c;
    }

    public String issueCode(Consumer consumer, String username, String redirectUri) {
        String code = random(18);
        codes.put(code, new Code(consumer.key(), username, redirectUri, now().plus(CODE_TTL)));
        return code;
    }

    public Issued exchangeCode(Consumer consumer, String code, String redirectUri) {
        Code c = code == null ? null : codes.remove(code); // single use, even when the exchange then fails
        if (c == null || !c.consumerKey.equals(consumer.key()) || !now().isBefore(c.expiresAt)) {
            throw new OAuthError(400, "invalid_grant", "The specified code is not valid.");
        }
        if (c.redirectUri != null && !c.redirectUri.equals(redirectUri)) {
            throw new OAuthError(400, "invalid_grant", "The specified redirect_uri does not match the authorization request.");
        }
        return issue(consumer, c.username, "authorization_code");
    }

    public Issued clientCredentials(Consumer consumer) {
        if (!consumer.isPrivate()) {
            throw new OAuthError(400, "invalid_grant", "Cannot use client_credentials with a consumer marked as "
                    + "\"public\". Calls for auto generated consumers should use urn:bitbucket:oauth2:jwt instead.");
        }
        return issue(consumer, consumer.owner(), "client_credentials");
    }

    public Issued refresh(Consumer consumer, String refreshToken) {
        Grant g = refreshToken == null ? null : refreshTokens.get(refreshToken);
        if (g == null || !g.consumerKey.equals(consumer.key()) || !refreshTokens.remove(refreshToken, g)) {
            throw new OAuthError(400, "invalid_grant", "Invalid refresh_token");
        }
        return issue(consumer, g.username, "refresh_token");
    }

    public Optional<AccessToken> accessToken(String token) {
        return token == null ? Optional.empty() : Optional.ofNullable(accessTokens.get(token));
    }

    private Issued issue(Consumer consumer, String username, String grantType) {
        List<String> granted = List.copyOf(consumer.scopes());
        AccessToken token = new AccessToken(random(48), consumer.key(), username, granted, Scopes.expand(granted),
                now().plus(accessTokenTtl));
        accessTokens.put(token.token(), token);
        String refresh = random(24);
        refreshTokens.put(refresh, new Grant(consumer.key(), username));
        return new Issued(token, refresh, grantType, accessTokenTtl.toSeconds());
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** What the token endpoint answers. */
    public record Issued(AccessToken access, String refreshToken, String grantType, long expiresIn) {}

    private record Code(String consumerKey, String username, String redirectUri, Instant expiresAt) {}

    private record Grant(String consumerKey, String username) {}
}
