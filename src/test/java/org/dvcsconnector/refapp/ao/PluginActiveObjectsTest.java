package org.dvcsconnector.refapp.ao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;
import net.java.ao.Entity;
import net.java.ao.schema.Table;
import org.dvcsconnector.refapp.db.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PluginActiveObjectsTest {

    @Table("THING")
    public interface Thing extends Entity {
        String getName();
        void setName(String name);
    }

    private Database database;
    private PluginActiveObjects ao;

    @BeforeEach
    void start() {
        database = Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        ao = new ActiveObjectsFactory(database.dataSource(), database.kind()).forPlugin("test.plugin");
        ao.migrate(Thing.class);
    }

    @AfterEach
    void stop() {
        database.close();
    }

    @Test
    void transactionsAndRawConnectionsGiveEveryConnectionBack() {
        for (int i = 0; i < 100; i++) {
            int n = i;
            ao.executeInTransaction(() -> ao.create(Thing.class, Map.of("NAME", "t" + n)));
            ao.withConnection(c -> c.createStatement().execute("SELECT 1"));
            ao.executeInTransaction(() -> ao.withConnection(c -> c.createStatement().execute("SELECT 1")));
        }
        assertThat(database.activeConnections()).isZero();
        assertThat(ao.count(Thing.class, net.java.ao.Query.select())).isEqualTo(100);
    }

    @Test
    void aFailureRollsBackEverythingAndReleasesTheConnection() {
        assertThatThrownBy(() -> ao.executeInTransaction(() -> {
            ao.create(Thing.class, Map.of("NAME", "lost"));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(ao.count(Thing.class, net.java.ao.Query.select())).isZero();
        assertThat(database.activeConnections()).isZero();
    }

    @Test
    void nestedTransactionsJoinTheOuterOne() {
        assertThatThrownBy(() -> ao.executeInTransaction(() -> {
            ao.executeInTransaction(() -> ao.create(Thing.class, Map.of("NAME", "inner")));
            throw new IllegalStateException("outer fails");
        })).hasMessage("outer fails");
        assertThat(ao.count(Thing.class, net.java.ao.Query.select())).isZero();
    }

    @Test
    void rawSqlUsesTheQuotedTableName() {
        ao.create(Thing.class, Map.of("NAME", "x"));
        int rows = ao.withConnection(c -> {
            try (ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + ao.tableName(Thing.class)
                    + " WHERE " + ao.quote("NAME") + " = 'x'")) {
                r.next();
                return r.getInt(1);
            }
        });
        assertThat(rows).isEqualTo(1);
        assertThat(ao.tableName(Thing.class)).matches(".*AO_[0-9A-F]{6}_THING.*");
    }
}
