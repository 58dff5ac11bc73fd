package org.dvcsconnector.refapp.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UserStoreTest {

    private final Tracker tracker = TestTrackers.withFixtures();
    private final UserStore users = tracker.users();

    @Test
    void authenticatesWithTheRightPasswordAndReturnsTheCanonicalName() {
        assertThat(users.authenticate("alice", "alice")).contains("alice");
        assertThat(users.authenticate("ALICE", "alice")).contains("alice");
    }

    @Test
    void refusesAWrongPasswordAndAnUnknownUser() {
        assertThat(users.authenticate("alice", "bob")).isEmpty();
        assertThat(users.authenticate("alice", "")).isEmpty();
        assertThat(users.authenticate("alice", null)).isEmpty();
        assertThat(users.authenticate("nobody", "alice")).isEmpty();
        assertThat(users.authenticate(null, "alice")).isEmpty();
    }

    @Test
    void storesPasswordsAsPbkdf2WithTheConfiguredCost() {
        assertThat(users.passwordHash("alice")).hasValueSatisfying(hash -> {
            assertThat(hash).startsWith("pbkdf2-sha256$" + TestTrackers.TEST_ITERATIONS + "$");
            assertThat(hash).doesNotContain("alice");
        });
    }

    @Test
    void findsUsersIgnoringCase() {
        assertThat(users.find("Bob")).hasValueSatisfying(u -> {
            assertThat(u.username()).isEqualTo("bob");
            assertThat(u.displayName()).isEqualTo("Bob Brown");
            assertThat(u.email()).isEqualTo("bob@example.com");
            assertThat(u.admin()).isFalse();
        });
        assertThat(users.find("nobody")).isEmpty();
        assertThat(users.find(null)).isEmpty();
    }

    @Test
    void findsEveryUserWithAnEmailAddressIgnoringCase() {
        users.create("alice2", "Alice Again", "ALICE@Example.com", "pw", false);

        assertThat(users.findByEmail("alice@EXAMPLE.com")).extracting(User::username).containsExactly("alice", "alice2");
        assertThat(users.findByEmail("nobody@example.com")).isEmpty();
        assertThat(users.findByEmail(null)).isEmpty();
    }

    @Test
    void knowsAdministratorsAndCountsUsers() {
        assertThat(users.isAdmin("admin")).isTrue();
        assertThat(users.isAdmin("alice")).isFalse();
        assertThat(users.isAdmin("nobody")).isFalse();
        assertThat(users.count()).isEqualTo(3);
    }

    @Test
    void refusesDuplicateAndInvalidNames() {
        assertThatThrownBy(() -> users.create("Alice", "Other", null, "pw", false))
                .isInstanceOfSatisfying(DataAccessException.class, e -> assertThat(e.isDuplicate()).isTrue());
        assertThatThrownBy(() -> users.create("has space", "X", null, "pw", false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> users.create("ok", "X", null, "", false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bootstrapsAnAdminOnlyOnAnEmptyTracker() {
        assertThat(Tracker.bootstrapAdmin(users)).isNull();

        UserStore empty = TestTrackers.h2Tracker().users();
        String password = Tracker.bootstrapAdmin(empty);

        assertThat(password).hasSize(20).matches("[A-Za-z0-9]{20}");
        assertThat(empty.authenticate("admin", password)).contains("admin");
        assertThat(empty.isAdmin("admin")).isTrue();
        assertThat(Tracker.bootstrapAdmin(empty)).isNull();
    }
}
