package org.dvcsconnector.refapp.ao;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TablePrefixesTest {

    @Test
    void isAoPlusTheLastSixHexDigitsOfTheKeysMd5() {
        // md5("com.atlassian.jira.plugins.jira-bitbucket-connector-plugin") ends in ...e8b6cc: the legacy connector's prefix.
        assertThat(TablePrefixes.forPluginKey("com.atlassian.jira.plugins.jira-bitbucket-connector-plugin"))
                .isEqualTo("AO_E8B6CC_");
        assertThat(TablePrefixes.forPluginKey("org.dvcsconnector.dvcs-connector")).matches("AO_[0-9A-F]{6}_");
    }
}
