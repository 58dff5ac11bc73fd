package org.dvcsconnector.trigger;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dvcsconnector.api.DevEvent;
import org.dvcsconnector.devinfo.DevInfoStore;
import org.dvcsconnector.spi.UserProfile;
import org.dvcsconnector.spi.UserManager;

/**
 * Who a trigger acts as. Bitbucket never tells an account's e-mail, so the event's actor maps to a host user by
 * the commit author e-mail when the event has one, else through the e-mails of the commits Bitbucket linked to the
 * actor's account id; one host user must match. Otherwise the service user.
 */
final class ActorResolver {

    private final UserManager users;
    private final DevInfoStore devInfo;
    private final ServiceUser serviceUser;

    ActorResolver(UserManager users, DevInfoStore devInfo, ServiceUser serviceUser) {
        this.users = users;
        this.devInfo = devInfo;
        this.serviceUser = serviceUser;
    }

    Optional<String> resolve(DevEvent event) {
        return actor(event).or(serviceUser::get);
    }

    private Optional<String> actor(DevEvent event) {
        if (event.actorEmail() != null && !event.actorEmail().isBlank()) {
            return unique(List.of(event.actorEmail()));
        }
        if (event.actorAccountId() != null && !event.actorAccountId().isBlank()) {
            return unique(devInfo.authorEmails(event.actorAccountId()));
        }
        return Optional.empty();
    }

    private Optional<String> unique(List<String> emails) {
        Set<String> matches = new LinkedHashSet<>();
        for (String email : emails) {
            users.findUsersByEmail(email).stream().map(UserProfile::username).forEach(matches::add);
        }
        return matches.size() == 1 ? Optional.of(matches.iterator().next()) : Optional.empty();
    }
}
