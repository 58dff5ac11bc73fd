package org.dvcsconnector.account;

import java.util.Arrays;
import java.util.List;
import net.java.ao.Query;
import org.dvcsconnector.spi.ActiveObjects;

/** Reads and changes linked accounts. */
public final class AccountService {

    private final ActiveObjects activeObjects;

    public AccountService(ActiveObjects activeObjects) {
        this.activeObjects = activeObjects;
    }

    public List<Account> list() {
        return Arrays.stream(activeObjects.find(AccountEntity.class, Query.select().order("WORKSPACE")))
                .map(Account::of)
                .toList();
    }
}
