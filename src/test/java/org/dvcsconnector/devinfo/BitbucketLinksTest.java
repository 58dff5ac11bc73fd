package org.dvcsconnector.devinfo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Only absolute http(s) URLs from Bitbucket may become links (the panel, the dialog, the triggers page). */
class BitbucketLinksTest {

    @Test
    void onlyAbsoluteHttpUrlsAreKept() {
        assertThat(BitbucketLinks.httpOrNull("https://bitbucket.org/acme/webapp/commits/abc")).isNotNull();
        assertThat(BitbucketLinks.httpOrNull(" http://localhost:2991/acme/x ")).isEqualTo("http://localhost:2991/acme/x");
        assertThat(BitbucketLinks.httpOrNull("javascript:alert(1)")).isNull();
        assertThat(BitbucketLinks.httpOrNull("JaVaScRiPt:alert(1)")).isNull();
        assertThat(BitbucketLinks.httpOrNull("data:text/html,<script>alert(1)</script>")).isNull();
        assertThat(BitbucketLinks.httpOrNull("//evil.example/x")).isNull();
        assertThat(BitbucketLinks.httpOrNull("/relative")).isNull();
        assertThat(BitbucketLinks.httpOrNull("http://")).isNull();
        assertThat(BitbucketLinks.httpOrNull("not a url")).isNull();
        assertThat(BitbucketLinks.httpOrNull(null)).isNull();
    }
}
