package org.dvcsconnector.bitbucket.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A successful token response, read strictly: whatever the plugin cannot use is refused with an
 * {@code invalid_response} that says what was wrong, before anything is stored.
 * <ul>
 *   <li>{@code access_token} must be there; {@code token_type} must be {@code bearer} (any case) when given, since
 *       the plugin sends tokens only as {@code Authorization: Bearer} (RFC 6750).</li>
 *   <li>The granted permissions come from {@code scope} (RFC 6749, and Bitbucket since May 2026) or {@code scopes}
 *       (Bitbucket before); both together must agree. Neither gives an empty set, which linking refuses with
 *       {@link #NO_SCOPE_NAMED}.</li>
 *   <li>A missing or unusable {@code expires_in} is not refused: the token is taken to live {@link #ASSUMED_LIFETIME},
 *       so it is renewed early rather than used after it expired (a refused token is renewed anyway).</li>
 * </ul>
 */
public final class TokenResponse {

    public static final Duration ASSUMED_LIFETIME = Duration.ofMinutes(5);
    static final String INVALID = "invalid_response";
    /** Why linking refuses a grant that names no permission. */
    public static final String NO_SCOPE_NAMED = "Bitbucket did not say which permissions it granted; the plugin cannot"
            + " check them, so nothing was stored. Check the consumer's permissions in Bitbucket and link again.";
    private static final Logger LOG = LoggerFactory.getLogger(TokenResponse.class);

    private TokenResponse() {}

    static TokenGrant read(JsonNode body, Instant now) throws OAuthException {
        String accessToken = text(body, "access_token");
        if (accessToken == null || accessToken.isBlank()) {
            throw refused("The token response has no access_token.");
        }
        String type = text(body, "token_type");
        if (type != null && !type.equalsIgnoreCase("bearer")) {
            throw refused("Bitbucket issued a token of type \"" + clip(type) + "\"; the plugin sends Bearer tokens only."
                    + " Nothing was stored.");
        }
        return new TokenGrant(accessToken, text(body, "refresh_token"), now.plus(lifetime(body)), scopes(body));
    }

    private static Duration lifetime(JsonNode body) {
        JsonNode expiresIn = body.get("expires_in");
        if (expiresIn != null && expiresIn.canConvertToLong() && expiresIn.asLong() > 0
                && (expiresIn.isIntegralNumber() || expiresIn.isTextual())) {
            return Duration.ofSeconds(expiresIn.asLong());
        }
        LOG.warn("Bitbucket's token response gave no usable expires_in ({}); the token is renewed within {} minutes",
                expiresIn == null ? "none" : clip(expiresIn.toString()), ASSUMED_LIFETIME.toMinutes());
        return ASSUMED_LIFETIME;
    }

    private static Set<String> scopes(JsonNode body) throws OAuthException {
        Set<String> scope = split(text(body, "scope"));
        Set<String> scopes = split(text(body, "scopes"));
        if (scope != null && scopes != null && !scope.equals(scopes)) {
            throw refused("Bitbucket's token response names two different sets of permissions (scope: "
                    + clip(String.join(" ", scope)) + "; scopes: " + clip(String.join(" ", scopes))
                    + "). Nothing was stored; try again, and if it persists check the consumer's permissions.");
        }
        Set<String> granted = scope != null ? scope : scopes;
        // None named: RFC 6749 allows that when the grant is what was asked for. Linking refuses it (it must check
        // the permissions: NO_SCOPE_NAMED); a renewal keeps the permissions stored at linking.
        return granted == null ? Set.of() : Set.copyOf(granted);
    }

    /** Space-separated (RFC 6749); Bitbucket has also been seen to separate with commas. Null when absent. */
    private static Set<String> split(String value) {
        if (value == null) {
            return null;
        }
        return Arrays.stream(value.split("[\\s,]+")).filter(s -> !s.isBlank())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** Values echoed into messages are Bitbucket's, not ours: kept short. */
    private static String clip(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "…";
    }

    private static OAuthException refused(String description) {
        return new OAuthException(200, INVALID, description);
    }
}
