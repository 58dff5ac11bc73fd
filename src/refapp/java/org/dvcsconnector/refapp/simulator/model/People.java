package org.dvcsconnector.refapp.simulator.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Simulator-wide accounts and interned commit authors. Commits refer to authors by int id, so a million
 * commits by a dozen people cost four bytes each for authorship.
 */
public final class People {

    private final Map<String, User> usersByName = new ConcurrentHashMap<>();
    private final Map<String, User> usersByEmail = new ConcurrentHashMap<>();
    private final Map<String, Integer> authorIds = new ConcurrentHashMap<>();
    private volatile Author[] authors = new Author[0];
    /** Changes whenever an account is added: renderers that precompute author JSON check it. */
    private volatile int version;

    public User addUser(String username, String password, String displayName, String email) {
        String uuid = "{" + UUID.nameUUIDFromBytes(("user:" + username).getBytes(StandardCharsets.UTF_8)) + "}";
        String accountId = "5f" + HexFormat.of().formatHex(uuid.getBytes(StandardCharsets.UTF_8), 1, 12);
        User user = new User(username, password, displayName, email, uuid, accountId);
        usersByName.put(username, user);
        if (email != null) {
            usersByEmail.put(email.toLowerCase(), user);
        }
        version++;
        return user;
    }

    public int version() {
        return version;
    }

    public Optional<User> user(String username) {
        return username == null ? Optional.empty() : Optional.ofNullable(usersByName.get(username));
    }

    public Optional<User> userByEmail(String email) {
        return email == null ? Optional.empty() : Optional.ofNullable(usersByEmail.get(email.toLowerCase()));
    }

    public List<User> users() {
        return List.copyOf(usersByName.values());
    }

    /** The id of this author, interning it on first use. */
    public int authorId(String name, String email) {
        String raw = name + " <" + email + ">";
        Integer id = authorIds.get(raw);
        if (id != null) {
            return id;
        }
        synchronized (this) {
            id = authorIds.get(raw);
            if (id == null) {
                Author[] grown = Arrays.copyOf(authors, authors.length + 1);
                grown[authors.length] = new Author(name, email, raw);
                authors = grown;
                id = authors.length - 1;
                authorIds.put(raw, id);
            }
            return id;
        }
    }

    public Author author(int id) {
        return authors[id];
    }
}
