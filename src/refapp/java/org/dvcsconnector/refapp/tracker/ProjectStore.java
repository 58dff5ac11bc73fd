package org.dvcsconnector.refapp.tracker;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Projects. Keys are upper case, as in Jira; lookups accept any case. */
public final class ProjectStore {

    /** Jira's default project-key rule, capped at 10 characters. */
    public static final Pattern KEY = Pattern.compile("[A-Z][A-Z0-9_]{1,9}");

    private static final String COLUMNS = "ID, PROJECT_KEY, NAME, BROWSE";

    private final Sql sql;
    private final Clock clock;

    ProjectStore(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    /**
     * @throws IllegalArgumentException for an invalid key or name
     * @throws DataAccessException with {@link DataAccessException#isDuplicate()} when the key is taken
     */
    public Project create(String key, String name, BrowsePermission browse) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException(
                    "A project key is 2-10 characters: an upper-case letter, then upper-case letters, digits or '_'.");
        }
        if (name == null || name.isBlank() || name.length() > 255) {
            throw new IllegalArgumentException("A project name is required (at most 255 characters).");
        }
        long id = sql.run(c -> Sql.insert(c,
                "INSERT INTO REFAPP_PROJECT (PROJECT_KEY, NAME, BROWSE, ISSUE_COUNTER, CREATED) VALUES (?, ?, ?, 0, ?)",
                key, name.strip(), browse.column(), clock.instant()));
        return new Project(id, key, name.strip(), browse);
    }

    public Optional<Project> find(String key) {
        if (key == null) {
            return Optional.empty();
        }
        return sql.first("SELECT " + COLUMNS + " FROM REFAPP_PROJECT WHERE PROJECT_KEY = ?", ProjectStore::project,
                key.toUpperCase(Locale.ROOT));
    }

    public Optional<Project> find(long id) {
        return sql.first("SELECT " + COLUMNS + " FROM REFAPP_PROJECT WHERE ID = ?", ProjectStore::project, id);
    }

    public List<Project> all() {
        return sql.list("SELECT " + COLUMNS + " FROM REFAPP_PROJECT ORDER BY PROJECT_KEY", ProjectStore::project);
    }

    static Project project(ResultSet row) throws SQLException {
        return new Project(row.getLong("ID"), row.getString("PROJECT_KEY"), row.getString("NAME"),
                BrowsePermission.ofColumn(row.getString("BROWSE")));
    }
}
