package org.dvcsconnector.trigger;

import java.util.Optional;
import org.dvcsconnector.spi.PluginSettings;
import org.dvcsconnector.spi.UserManager;

/** The user triggers act as when an event's actor is no host user: chosen by an admin, kept in plugin settings. */
public final class ServiceUser {

    static final String SETTING = "triggers.serviceUser";

    private final PluginSettings settings;
    private final UserManager users;

    public ServiceUser(PluginSettings settings, UserManager users) {
        this.settings = settings;
        this.users = users;
    }

    /** The chosen user, while that user exists. */
    public Optional<String> get() {
        return settings.get(SETTING).filter(name -> users.getUserProfile(name).isPresent());
    }

    /** Sets (or with a blank name clears) the service user; false when no such user exists. */
    public boolean set(String username) {
        if (username == null || username.isBlank()) {
            settings.remove(SETTING);
            return true;
        }
        if (users.getUserProfile(username.strip()).isEmpty()) {
            return false;
        }
        settings.put(SETTING, username.strip());
        return true;
    }
}
