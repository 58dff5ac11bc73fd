package org.dvcsconnector.trigger;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dvcsconnector.api.DevEvent;
import org.dvcsconnector.devinfo.DevInfoStore;
import org.dvcsconnector.spi.IssueActor;
import org.dvcsconnector.spi.UserProfile;
import org.dvcsconnector.spi.UserManager;

/**
 * Who a trigger acts as. Bitbucket never tells an account's e-mail, so the event's actor maps to a host user by the
 * commit author e-mail when the event has one, else through the e-mails of the commits Bitbucket linked to the actor's
 * account id; exactly one host user must match. Otherwise the service user, when one is set; otherwise, unless the
 * rule is strict, the connector itself on behalf of the Bitbucket display name, as Jira's triggers act anonymously.
 */
final class ActorResolver {

    /** The name the host records system transitions under. */
    static final String APP = "DVCS Connector";

    /** Whom to act as ({@code actor} null: nobody may), and in words why, for the log. */
    record Acting(IssueActor actor, String why) {
        boolean refused() {
            return actor == null;
        }
    }

    private final UserManager users;
    private final DevInfoStore devInfo;
    private final ServiceUser serviceUser;

    ActorResolver(UserManager users, DevInfoStore devInfo, ServiceUser serviceUser) {
        this.users = users;
        this.devInfo = devInfo;
        this.serviceUser = serviceUser;
    }

    Acting resolve(DevEvent event, boolean strict) {
        String who = bitbucketName(event);
        Match match = match(event);
        if (match.username() != null) {
            return new Acting(IssueActor.user(match.username()), null);
        }
        Optional<String> service = serviceUser.get();
        if (service.isPresent()) {
            return new Acting(IssueActor.user(service.get()), "as the service user: " + who + " " + match.why());
        }
        if (strict) {
            return new Acting(null, who + " " + match.why() + ", no service user is set, and the rule fires only "
                    + "when the actor is a user here");
        }
        return new Acting(IssueActor.system(APP, who), who + " " + match.why() + " and no service user is set");
    }

    /** The Bitbucket display name, else the author e-mail or account id: who the connector acts for. */
    private static String bitbucketName(DevEvent event) {
        for (String name : new String[] {event.actorName(), event.actorEmail(), event.actorAccountId()}) {
            if (name != null && !name.isBlank()) {
                return name.strip();
            }
        }
        return "an unknown Bitbucket user";
    }

    /** The one host user, or why there is none (words that follow the actor's name). */
    private record Match(String username, String why) {}

    private Match match(DevEvent event) {
        if (event.actorEmail() != null && !event.actorEmail().isBlank()) {
            return unique(List.of(event.actorEmail()), "has the e-mail " + event.actorEmail() + " of no user here");
        }
        if (event.actorAccountId() != null && !event.actorAccountId().isBlank()) {
            return unique(devInfo.authorEmails(event.actorAccountId()),
                    "has no commits here under the e-mail of a user here");
        }
        return new Match(null, "(the event does not say who) matches no user here");
    }

    private Match unique(List<String> emails, String none) {
        Set<String> matches = new LinkedHashSet<>();
        for (String email : emails) {
            users.findUsersByEmail(email).stream().map(UserProfile::username).forEach(matches::add);
        }
        if (matches.size() == 1) {
            return new Match(matches.iterator().next(), null);
        }
        return new Match(null, matches.isEmpty() ? none : "matches " + matches.size() + " users here by e-mail ("
                + String.join(", ", matches) + ")");
    }
}
