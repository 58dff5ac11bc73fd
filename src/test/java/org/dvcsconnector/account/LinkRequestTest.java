package org.dvcsconnector.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinkRequestTest {

    private static LinkRequest request(String workspace, String id, String secret) {
        return new LinkRequest("bitbucket-cloud", workspace, id, secret, ConsumerType.PRIVATE, true, true);
    }

    @Test
    void aCompleteFormHasNoErrors() {
        assertThat(request(" acme ", "key123", "s3cr3t").validate()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Acme", "a b", "../etc", "<script>", "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijkl"})
    void badWorkspaceIdsSayWhatAWorkspaceIdIs(String workspace) {
        assertThat(request(workspace, "key", "secret").validate()).containsKey("workspace");
    }

    @Test
    void everyMissingFieldIsReportedAtOnce() {
        assertThat(request("", "", "").validate()).containsOnlyKeys("workspace", "clientId", "clientSecret");
    }

    @Test
    void oauth1CanNoLongerBeLinked() {
        LinkRequest oauth1 = new LinkRequest("bitbucket-oauth1", "acme", "k", "s", ConsumerType.PRIVATE, true, true);
        assertThat(oauth1.validate().get("host")).contains("OAuth 1.0");
    }

    @Test
    void secretsWithControlCharactersOrHugeLengthAreRefused() {
        assertThat(request("acme", "k", "a\u0000b").validate()).containsKey("clientSecret");
        assertThat(request("acme", "k", "x".repeat(257)).validate()).containsKey("clientSecret");
    }

    @Test
    void theSecretNeverAppearsInToString() {
        assertThat(request("acme", "key", "very-secret").toString()).doesNotContain("very-secret");
    }
}
