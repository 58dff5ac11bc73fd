package org.dvcsconnector.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.dvcsconnector.testing.MapPluginSettings;
import org.junit.jupiter.api.Test;

class AdminNoticesTest {

    @Test
    void aNoticeAlreadyListedIsNotAddedAgain() {
        AdminNotices notices = new AdminNotices(new MapPluginSettings(new java.util.HashMap<>()));
        notices.add("Webhooks of acme were not checked: the account used OAuth 1.0.");
        notices.add("Webhooks of acme were not checked: the account used OAuth 1.0.");
        notices.add("Another notice.");

        assertThat(notices.list()).containsExactly("Webhooks of acme were not checked: the account used OAuth 1.0.",
                "Another notice.");
    }
}
