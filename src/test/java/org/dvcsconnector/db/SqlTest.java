package org.dvcsconnector.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;
import net.java.ao.Entity;
import net.java.ao.schema.Table;
import org.dvcsconnector.account.AccountEntity;
import org.dvcsconnector.account.RepositoryEntity;
import org.dvcsconnector.refapp.ao.ActiveObjectsFactory;
import org.dvcsconnector.refapp.ao.PluginActiveObjects;
import org.dvcsconnector.refapp.ao.TablePrefixes;
import org.dvcsconnector.refapp.db.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SqlTest {

    private static final String PLUGIN = "org.example.some-plugin";
    private Database database;
    private PluginActiveObjects ao;
    private Sql sql;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void start() {
        database = Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        ao = new ActiveObjectsFactory(database.dataSource(), database.kind()).forPlugin(PLUGIN);
        ao.migrate(AccountEntity.class, RepositoryEntity.class);
        sql = new PluginDatabase(ao, PLUGIN).sql(RepositoryEntity.class);
    }

    @AfterEach
    void stop() {
        database.close();
    }

    @Table("GADGET")
    interface GadgetEntity extends Entity {
        String getLabel();

        void setLabel(String label);
    }

    /** An entity without {@code @Table}, whose name would follow AO's rules for class names. */
    interface UnnamedEntity extends Entity {}

    @Test
    void tableNamesAreTheOnesTheHostsActiveObjectsCreates() {
        AoTableNames names = new AoTableNames(PLUGIN);
        assertThat(names.name(GadgetEntity.class)).isEqualTo(TablePrefixes.forPluginKey(PLUGIN) + "GADGET");
        // The host's AO created the table under the name the plugin derives: a query on it finds its row.
        ao.migrate(GadgetEntity.class);
        ao.create(GadgetEntity.class, Map.of("LABEL", "one"));
        assertThat(new PluginDatabase(ao, PLUGIN).sql(GadgetEntity.class)
                .list("SELECT [LABEL] FROM [GadgetEntity]", row -> row.string("LABEL"))).containsExactly("one");
        assertThatThrownBy(() -> names.name(UnnamedEntity.class)).hasMessageContaining("has no @Table");
    }

    @Test
    void namesAreExpandedQuotedAndRowsReadByColumnName() {
        ao.create(RepositoryEntity.class, Map.of("ACCOUNT_ID", 7, "SLUG", "webapp"));
        ao.create(RepositoryEntity.class, Map.of("ACCOUNT_ID", 7, "SLUG", "api"));
        assertThat(sql.expand("SELECT [SLUG] FROM [RepositoryEntity] r WHERE r.[ACCOUNT_ID] = ?"))
                .isEqualTo("SELECT \"SLUG\" FROM \"PUBLIC\".\"" + TablePrefixes.forPluginKey(PLUGIN)
                        + "REPOSITORY\" r WHERE r.\"ACCOUNT_ID\" = ?");
        assertThat(sql.list("SELECT [SLUG], [ACCOUNT_ID] FROM [RepositoryEntity] WHERE [ACCOUNT_ID] = ? ORDER BY [SLUG]",
                row -> row.string("SLUG") + "@" + row.integer("ACCOUNT_ID"), 7)).containsExactly("api@7", "webapp@7");
        assertThat(sql.countRows(RepositoryEntity.class, "ACCOUNT_ID", 7)).isEqualTo(2);
        assertThat(sql.update("UPDATE [RepositoryEntity] SET [NAME] = ? WHERE [SLUG] = ?", null, "api")).isEqualTo(1);
        assertThat(sql.deleteSome(RepositoryEntity.class, "ACCOUNT_ID", 7, 1)).as("at most the limit").isEqualTo(1);
        assertThat(sql.exists("SELECT 1 FROM [RepositoryEntity] WHERE [SLUG] = ?", "webapp")).as("oldest first").isFalse();
        assertThat(sql.exists("SELECT 1 FROM [RepositoryEntity] WHERE [SLUG] = ?", "api")).isTrue();
    }

    @Test
    void aNameThatIsNeitherAGivenTableNorAColumnFailsNamingItself() {
        assertThatThrownBy(() -> sql.expand("SELECT [ID] FROM [AccountEntity]"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[AccountEntity]")
                .hasMessageContaining("RepositoryEntity");
    }

    @Test
    void aFailedStatementSaysWhatTheDatabaseSaidAndKeepsTheStatement() {
        assertThatThrownBy(() -> sql.update("UPDATE [RepositoryEntity] SET [NO_SUCH_COLUMN] = 1"))
                .isInstanceOf(SqlFailure.class)
                .satisfies(e -> assertThat(((SqlFailure) e).statement()).contains("[NO_SUCH_COLUMN]"))
                .hasMessageContaining("NO_SUCH_COLUMN");
    }
}
