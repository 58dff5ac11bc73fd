package org.dvcsconnector.refapp.tracker;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Users and their passwords. User names are case-insensitive; the stored spelling is canonical. */
public final class UserStore {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,99}");
    private static final String COLUMNS = "USERNAME, DISPLAY_NAME, EMAIL, IS_ADMIN";

    private final Sql sql;
    private final PasswordHasher hasher;
    private final Clock clock;

    UserStore(Sql sql, PasswordHasher hasher, Clock clock) {
        this.sql = sql;
        this.hasher = hasher;
        this.clock = clock;
    }

    /**
     * Creates a user.
     *
     * @throws IllegalArgumentException for an invalid user name, display name or password
     * @throws DataAccessException with {@link DataAccessException#isDuplicate()} when the name is taken
     */
    public User create(String username, String displayName, String email, String password, boolean admin) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException(
                    "A user name is 1-100 letters, digits, '.', '_', '@' or '-', starting with a letter or digit.");
        }
        if (displayName == null || displayName.isBlank() || displayName.length() > 255) {
            throw new IllegalArgumentException("A display name is required (at most 255 characters).");
        }
        if (email != null && email.length() > 255) {
            throw new IllegalArgumentException("An e-mail address has at most 255 characters.");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("A password is required.");
        }
        String hash = hasher.hash(password);
        sql.run(c -> Sql.update(c,
                "INSERT INTO REFAPP_USER (USERNAME, USERNAME_LC, DISPLAY_NAME, EMAIL, EMAIL_LC, PASSWORD_HASH, IS_ADMIN, CREATED)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                username, lower(username), displayName.strip(), email, lower(email), hash, admin, clock.instant()));
        return new User(username, displayName.strip(), email, admin);
    }

    /** The canonical user name when {@code password} is right; the same work whether or not the user exists. */
    public Optional<String> authenticate(String username, String password) {
        Optional<String[]> row = username == null ? Optional.empty() : sql.first(
                "SELECT USERNAME, PASSWORD_HASH FROM REFAPP_USER WHERE USERNAME_LC = ?",
                r -> new String[] {r.getString(1), r.getString(2)}, lower(username));
        if (row.isEmpty()) {
            hasher.burnTime();
            return Optional.empty();
        }
        return hasher.verify(password, row.get()[1]) ? Optional.of(row.get()[0]) : Optional.empty();
    }

    public Optional<User> find(String username) {
        if (username == null) {
            return Optional.empty();
        }
        return sql.first("SELECT " + COLUMNS + " FROM REFAPP_USER WHERE USERNAME_LC = ?", UserStore::user, lower(username));
    }

    /** Every user with this e-mail address, ignoring case (addresses need not be unique). */
    public List<User> findByEmail(String email) {
        if (email == null || email.isBlank()) {
            return List.of();
        }
        return sql.list("SELECT " + COLUMNS + " FROM REFAPP_USER WHERE EMAIL_LC = ? ORDER BY USERNAME_LC",
                UserStore::user, lower(email.strip()));
    }

    public List<User> all() {
        return sql.list("SELECT " + COLUMNS + " FROM REFAPP_USER ORDER BY USERNAME_LC", UserStore::user);
    }

    public boolean isAdmin(String username) {
        return find(username).map(User::admin).orElse(false);
    }

    public long count() {
        return sql.first("SELECT COUNT(*) FROM REFAPP_USER", r -> r.getLong(1)).orElse(0L);
    }

    /** For tests and diagnostics: the stored hash, to check its format. */
    Optional<String> passwordHash(String username) {
        return sql.first("SELECT PASSWORD_HASH FROM REFAPP_USER WHERE USERNAME_LC = ?", r -> r.getString(1), lower(username));
    }

    private static User user(ResultSet row) throws SQLException {
        return new User(row.getString("USERNAME"), row.getString("DISPLAY_NAME"), row.getString("EMAIL"),
                row.getBoolean("IS_ADMIN"));
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}
