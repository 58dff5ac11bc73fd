package org.dvcsconnector.account;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What an administrator asks to link: the workspace, the consumer's key and secret, and the options.
 * {@link #validate()} checks the form itself; Bitbucket checks the rest.
 */
public record LinkRequest(String host, String workspace, String clientId, String clientSecret,
        ConsumerType consumerType, boolean autoLink, boolean smartCommits) {

    public static final String HOST_BITBUCKET_CLOUD = "bitbucket-cloud";
    /** Bitbucket workspace ids: lowercase letters, digits, '-' and '_'. */
    private static final Pattern WORKSPACE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,61}");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._~-]{1,128}");

    public LinkRequest {
        workspace = workspace == null ? "" : workspace.trim();
        clientId = clientId == null ? "" : clientId.trim();
        clientSecret = clientSecret == null ? "" : clientSecret.trim();
    }

    @Override
    public String toString() {
        return "LinkRequest[workspace=" + workspace + ", clientId=" + clientId + ", consumerType=" + consumerType + "]";
    }

    /** Field → what is wrong with it; empty when the form is complete. */
    public Map<String, String> validate() {
        Map<String, String> errors = new LinkedHashMap<>();
        if (host != null && !host.isBlank() && !HOST_BITBUCKET_CLOUD.equals(host)) {
            errors.put("host", "Only Bitbucket Cloud with OAuth 2.0 (host \"bitbucket-cloud\") can be linked; "
                    + "OAuth 1.0 links can no longer be created.");
        }
        if (workspace.isEmpty()) {
            errors.put("workspace", "Enter the workspace ID, as in bitbucket.org/<workspace ID>.");
        } else if (!WORKSPACE.matcher(workspace).matches()) {
            errors.put("workspace", "A workspace ID has only lowercase letters, digits, '-' and '_' (at most 62), as in bitbucket.org/<workspace ID>.");
        }
        if (clientId.isEmpty()) {
            errors.put("clientId", "Enter the consumer's Key (Bitbucket: Workspace settings > OAuth consumers).");
        } else if (!KEY.matcher(clientId).matches()) {
            errors.put("clientId", "This does not look like a consumer Key: copy it from Bitbucket without spaces.");
        }
        if (clientSecret.isEmpty()) {
            errors.put("clientSecret", "Enter the consumer's Secret.");
        } else if (clientSecret.length() > 256 || clientSecret.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            errors.put("clientSecret", "This does not look like a consumer Secret: copy it from Bitbucket without spaces.");
        }
        if (consumerType == null) {
            errors.put("consumerType", "Choose \"private\" (client credentials) or \"public\" (authorization code).");
        }
        return errors;
    }
}
