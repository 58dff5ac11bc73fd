package org.dvcsconnector.it.accounts;

import java.sql.Connection;
import org.dvcsconnector.testing.LegacyTables;
import org.dvcsconnector.testing.RefappServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The legacy import on the refapp's default H2 database: the legacy tables are made before the first start. */
class LegacyImportIT extends LegacyImportScenario {

    @RegisterExtension
    static final RefappServer server = RefappServer.demo().args("--sim-port", "0").beforeStart(home -> {
        java.nio.file.Files.createDirectories(home.resolve("database"));
        try (Connection c = LegacyTables.h2(home)) {
            LegacyTables.createIfMissing(c);
        }
    });

    @Override
    RefappServer server() {
        return server;
    }

    @Override
    Connection database() throws Exception {
        return LegacyTables.h2(server.home());
    }
}
