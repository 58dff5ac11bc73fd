package org.dvcsconnector.sync;

import com.fasterxml.jackson.databind.JsonNode;

/** Who caused a webhook's change, as its payload names them ({@code actor}, {@code approval.user}, …). */
public record Actor(String accountId, String displayName) {

    /** From a payload's user object; fields it lacks are null. */
    public static Actor of(JsonNode user) {
        return new Actor(user.path("account_id").asText(null), user.path("display_name").asText(null));
    }
}
