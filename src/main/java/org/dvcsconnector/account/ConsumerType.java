package org.dvcsconnector.account;

import java.util.Locale;
import java.util.Optional;

/** The kind of OAuth consumer the administrator created in Bitbucket. */
public enum ConsumerType {
    /** "This is a private consumer" ticked: the plugin uses the client-credentials grant. */
    PRIVATE,
    /** A public consumer: the administrator grants access on Bitbucket's authorize page. */
    PUBLIC;

    public static Optional<ConsumerType> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(PRIVATE);
        }
        try {
            return Optional.of(valueOf(value.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public AuthType authType() {
        return this == PRIVATE ? AuthType.OAUTH2_PRIVATE_CONSUMER : AuthType.OAUTH2_AUTHORIZATION_CODE;
    }
}
