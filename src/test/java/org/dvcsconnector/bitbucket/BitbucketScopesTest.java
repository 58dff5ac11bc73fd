package org.dvcsconnector.bitbucket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class BitbucketScopesTest {

    @Test
    void everythingNeededIsGranted() {
        assertThat(BitbucketScopes.missing(Set.of("account", "repository", "pullrequest", "webhook"))).isEmpty();
    }

    @Test
    void pullRequestImpliesRepositoryAndWriteImpliesRead() {
        assertThat(BitbucketScopes.missing(Set.of("account:write", "pullrequest", "webhook"))).isEmpty();
    }

    @Test
    void adminDoesNotImplyRead() {
        assertThat(BitbucketScopes.missing(Set.of("account", "repository:admin", "webhook")))
                .containsExactly("Repositories: Read", "Pull requests: Read");
    }

    @Test
    void missingPermissionsAreNamedAsInBitbucketsForm() {
        assertThat(BitbucketScopes.missing(Set.of())).containsExactly(
                "Account: Read", "Repositories: Read", "Pull requests: Read", "Webhooks: Read and write");
    }
}
