package org.dvcsconnector.web;

import java.util.ArrayList;
import java.util.List;
import org.dvcsconnector.devinfo.DevInfoSummary;
import org.dvcsconnector.spi.I18nResolver;

/** "3 branches", "12 commits", "1 pull request" with its states: the panel's lines, zero counts left out. */
final class SummaryLines {

    private SummaryLines() {}

    static List<DevInfoPanel.SummaryLine> of(DevInfoSummary summary, I18nResolver i18n) {
        List<DevInfoPanel.SummaryLine> lines = new ArrayList<>();
        add(lines, "branches", summary.branches().count(), i18n, List.of());
        add(lines, "commits", summary.commits().count(), i18n, List.of());
        DevInfoSummary.PullRequestCount prs = summary.pullRequests();
        List<DevInfoPanel.State> states = new ArrayList<>();
        if (prs.open() > 0) {
            states.add(state("OPEN", prs.open(), prs.count()));
        }
        if (prs.merged() > 0) {
            states.add(state("MERGED", prs.merged(), prs.count()));
        }
        if (prs.declined() > 0) {
            states.add(state("DECLINED", prs.declined(), prs.count()));
        }
        add(lines, "pullrequests", prs.count(), i18n, states);
        return lines;
    }

    /** Just the state when every pull request has it ("1 pull request · OPEN"), else how many have it. */
    private static DevInfoPanel.State state(String state, int n, int total) {
        return new DevInfoPanel.State(n == total ? state : n + " " + state, state.toLowerCase(java.util.Locale.ROOT));
    }

    private static void add(List<DevInfoPanel.SummaryLine> lines, String tab, int count, I18nResolver i18n,
            List<DevInfoPanel.State> states) {
        if (count > 0) {
            String key = "dvcs.devinfo." + tab + (count == 1 ? ".one" : ".many");
            lines.add(new DevInfoPanel.SummaryLine(tab, count, i18n.getText(key, count), states));
        }
    }
}
