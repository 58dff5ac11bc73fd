package org.dvcsconnector.refapp.settings;

import javax.sql.DataSource;
import org.dvcsconnector.refapp.db.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class H2PluginSettingsTest extends PluginSettingsContractTest {

    private static Database db;

    @BeforeAll
    static void open() {
        db = Database.open("jdbc:h2:mem:settings" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Override
    DataSource dataSource() {
        return db.dataSource();
    }
}
