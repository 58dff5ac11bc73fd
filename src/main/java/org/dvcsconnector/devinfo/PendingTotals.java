package org.dvcsconnector.devinfo;

import java.util.Set;
import java.util.TreeSet;

/**
 * The issues, and whole repositories, whose {@link IssueTotalEntity} rows one {@link DevInfoWrite} changed: summed
 * again once, when the write unit ends.
 */
final class PendingTotals {

    private final Set<String> keys = new TreeSet<>();
    private final Set<Integer> repositories = new TreeSet<>();

    void issuesChanged(Set<String> changed) {
        keys.addAll(changed);
    }

    /** Every issue the repository has rows for (it was linked, unlinked…). */
    void repositoryChanged(int repositoryId) {
        repositories.add(repositoryId);
    }

    boolean isEmpty() {
        return keys.isEmpty() && repositories.isEmpty();
    }

    Set<String> keys() {
        return keys;
    }

    Set<Integer> repositories() {
        return repositories;
    }
}
