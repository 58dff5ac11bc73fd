package org.dvcsconnector.refapp.scheduler;

import org.dvcsconnector.refapp.db.Database;

class H2SchedulerTest extends SchedulerContractTest {

    @Override
    Database database() {
        return Database.open("jdbc:h2:mem:" + uniqueName() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }
}
