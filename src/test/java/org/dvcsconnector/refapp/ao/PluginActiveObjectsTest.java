package org.dvcsconnector.refapp.ao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
            ao.createExecutor(false, false).execute(PluginActiveObjectsTest::selectOne);
            ao.createExecutor(true, false).execute(PluginActiveObjectsTest::selectOne);
            ao.executeInTransaction(() -> ao.createExecutor(false, false).execute(PluginActiveObjectsTest::selectOne));
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
    void jdbcWorkJoinsTheThreadsTransactionAndRollsBackWithIt() {
        String table = "\"" + ao.createExecutor(false, false).getSchemaName().orElseThrow() + "\".\"" + TablePrefixes.forPluginKey("test.plugin")
                + "THING\"";
        assertThatThrownBy(() -> ao.executeInTransaction(() -> {
            ao.create(Thing.class, Map.of("NAME", "x"));
            // The entity manager's uncommitted row is visible here: one transaction, one connection.
            assertThat(count(table)).isEqualTo(1);
            ao.createExecutor(false, false).execute(c -> update(c, "INSERT INTO " + table + " (\"NAME\") VALUES ('y')"));
            throw new IllegalStateException("both go");
        })).hasMessage("both go");
        assertThat(count(table)).isZero();
        ao.createExecutor(false, false).execute(c -> update(c, "INSERT INTO " + table + " (\"NAME\") VALUES ('z')"));
        assertThat(count(table)).as("committed on its own outside a transaction").isEqualTo(1);
        assertThat(database.activeConnections()).isZero();
    }

    @Test
    void aNewTransactionCannotBeNestedInTheRefapp() {
        assertThatThrownBy(() -> ao.executeInTransaction(() -> ao.createExecutor(false, true)
                .execute(PluginActiveObjectsTest::selectOne))).isInstanceOf(IllegalStateException.class);
    }

    private int count(String table) {
        return ao.createExecutor(true, false).execute(c -> {
            try (ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
                r.next();
                return r.getInt(1);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static Integer update(Connection connection, String sql) {
        try (Statement statement = connection.createStatement()) {
            return statement.executeUpdate(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Boolean selectOne(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            return statement.execute("SELECT 1");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
