package org.dvcsconnector.devevent;

/** A journal row as the admin page and REST show it; {@code url} only when it is http(s), so it is safe as a link. */
public record ActionView(int id, String kind, String event, int repositoryId, String target, String url, String issueKey,
        String command, String actor, String outcome, String reason, long createdAt) {

    /** What the event was about, as people name it: the branch, the short commit hash, or "pull request #7". */
    public String targetLabel() {
        if (target == null || event == null) {
            return target;
        }
        if (event.startsWith("commit_")) {
            return target.substring(0, Math.min(12, target.length()));
        }
        return event.startsWith("pullrequest_") ? "pull request #" + target : target;
    }

    static ActionView of(DevEventActionEntity e) {
        return new ActionView(e.getID(), e.getKind(), e.getEventType() == null ? null
                : e.getEventType().toLowerCase(java.util.Locale.ROOT), e.getRepositoryId(), e.getTarget(),
                org.dvcsconnector.devinfo.BitbucketLinks.httpOrNull(e.getUrl()),
                e.getIssueKey(), e.getCommand(), e.getActor(), e.getOutcome(), e.getReason(), e.getCreatedAt());
    }
}
