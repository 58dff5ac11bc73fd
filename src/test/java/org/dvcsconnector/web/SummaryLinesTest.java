package org.dvcsconnector.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dvcsconnector.devinfo.DevInfoSummary;
import org.dvcsconnector.spi.I18nResolver;
import org.junit.jupiter.api.Test;

class SummaryLinesTest {

    private static final Map<String, String> MESSAGES = Map.of(
            "dvcs.devinfo.branches.one", "{0} branch", "dvcs.devinfo.branches.many", "{0} branches",
            "dvcs.devinfo.commits.one", "{0} commit", "dvcs.devinfo.commits.many", "{0} commits",
            "dvcs.devinfo.pullrequests.one", "{0} pull request", "dvcs.devinfo.pullrequests.many", "{0} pull requests");

    private static final I18nResolver I18N = new I18nResolver() {
        @Override
        public String getText(String key, Object... arguments) {
            return new MessageFormat(MESSAGES.getOrDefault(key, key), Locale.ENGLISH).format(arguments);
        }

        @Override
        public Map<String, String> getAllTranslationsForPrefix(String prefix) {
            return MESSAGES;
        }
    };

    private static DevInfoSummary summary(int commits, int branches, int open, int merged, int declined, int superseded) {
        return new DevInfoSummary(new DevInfoSummary.Count(commits), new DevInfoSummary.Count(branches),
                new DevInfoSummary.PullRequestCount(open + merged + declined + superseded, open, merged, declined), null);
    }

    @Test
    void linesReadLikeJirasPanelAndLeaveZerosOut() {
        List<DevInfoPanel.SummaryLine> lines = SummaryLines.of(summary(12, 3, 1, 0, 0, 0), I18N);
        assertThat(lines).extracting(DevInfoPanel.SummaryLine::text)
                .containsExactly("3 branches", "12 commits", "1 pull request");
        assertThat(lines.get(2).states()).containsExactly(new DevInfoPanel.State("OPEN", "open"));
        assertThat(SummaryLines.of(summary(1, 0, 0, 0, 0, 0), I18N)).extracting(DevInfoPanel.SummaryLine::text)
                .containsExactly("1 commit");
        assertThat(SummaryLines.of(summary(0, 0, 0, 0, 0, 0), I18N)).isEmpty();
    }

    @Test
    void mixedPullRequestStatesSayHowManyHaveEach() {
        DevInfoPanel.SummaryLine prs = SummaryLines.of(summary(0, 0, 1, 2, 1, 1), I18N).get(0);
        assertThat(prs.text()).isEqualTo("5 pull requests");
        assertThat(prs.states()).containsExactly(new DevInfoPanel.State("1 OPEN", "open"),
                new DevInfoPanel.State("2 MERGED", "merged"), new DevInfoPanel.State("1 DECLINED", "declined"));
        assertThat(SummaryLines.of(summary(0, 0, 0, 2, 0, 0), I18N).get(0).states())
                .containsExactly(new DevInfoPanel.State("MERGED", "merged"));
    }
}
