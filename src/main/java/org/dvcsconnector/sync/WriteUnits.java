package org.dvcsconnector.sync;

import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.dvcsconnector.db.SqlFailure;
import org.dvcsconnector.devevent.DevEventOutbox;
import org.dvcsconnector.devevent.NewDevEvent;
import org.dvcsconnector.devinfo.DevInfoStore;
import org.dvcsconnector.devinfo.DevInfoWrite;

/**
 * A run's write units ({@code devInfo.writer().write}) that the database may refuse: what a unit adds to the run's
 * known commits and links, and what it counts, is kept only once it has committed, so a unit that rolled back can be
 * written again (one record at a time) or skipped without leaving the run believing it stored something.
 */
final class WriteUnits {

    /** What one unit writes. */
    @FunctionalInterface
    interface Work {
        void write(Unit unit);
    }

    /** One unit in progress: its write, the known sets as it sees them, and its counts. */
    final class Unit {
        final DevInfoWrite tx;
        final Set<String> commits = new Tentative(knownCommits);
        final Set<String> links = new Tentative(knownLinks);
        int commitsAdded;
        int eventsRecorded;

        private Unit(DevInfoWrite tx) {
            this.tx = tx;
        }

        /** Writes events to the outbox, in this unit. */
        void record(List<NewDevEvent> events) {
            outbox.record(repositoryId, events);
            eventsRecorded += events.size();
        }
    }

    /** How a unit ended: committed ({@code unit}), or refused by the database ({@code refused}, its reason). */
    record Result(Unit unit, String refused) {}

    private final int repositoryId;
    private final DevInfoStore store;
    private final DevEventOutbox outbox;
    private final Set<String> knownCommits;
    private final Set<String> knownLinks;

    WriteUnits(int repositoryId, DevInfoStore store, DevEventOutbox outbox, Set<String> knownCommits,
            Set<String> knownLinks) {
        this.repositoryId = repositoryId;
        this.store = store;
        this.outbox = outbox;
        this.knownCommits = knownCommits;
        this.knownLinks = knownLinks;
    }

    /**
     * Runs {@code work} as one write unit. Once it committed, its additions join the known sets. When the database
     * refused a value it writes (SQLSTATE class 22 or 23), the unit rolled back: nothing of it is stored or kept, and
     * the reason is returned. Any other failure (a lost connection, a deadlock) is thrown: it says nothing about the
     * records, so none may be skipped for it.
     */
    Result attempt(Work work) {
        Unit[] done = new Unit[1];
        try {
            store.writer().write(repositoryId, tx -> {
                Unit unit = new Unit(tx);
                work.write(unit);
                done[0] = unit;
            });
        } catch (RuntimeException e) {
            String refused = SqlFailure.refusedValue(e);
            if (refused == null) {
                throw e;
            }
            return new Result(null, refused);
        }
        ((Tentative) done[0].commits).keep();
        ((Tentative) done[0].links).keep();
        return new Result(done[0], null);
    }

    /** The records a run skipped: counted, the first few named with their reasons; shared by a run and its sequel. */
    static final class Skipped {
        /** The most skipped records a note names (it counts them all). */
        static final int MAX_NAMED = 10;
        private int count;
        private final List<String> named = new ArrayList<>();

        void add(String line) {
            count++;
            if (named.size() < MAX_NAMED) {
                named.add(line);
            }
        }

        /** "2 records skipped (the database refused a value): commit …: …; …." or null when none was. */
        String note() {
            if (count == 0) {
                return null;
            }
            return count + (count == 1 ? " record" : " records") + " skipped (the database refused a value): "
                    + String.join("; ", named) + (count > named.size() ? "; …" : "") + ".";
        }
    }

    /**
     * A set seen through another: what is added shows at once, but reaches the other set only when {@link #keep}
     * says so (its unit committed); a unit that rolled back leaves it as it was.
     */
    private static final class Tentative extends AbstractSet<String> {
        private final Set<String> base;
        private final Set<String> added = new HashSet<>();

        Tentative(Set<String> base) {
            this.base = base;
        }

        @Override
        public boolean add(String value) {
            return !base.contains(value) && added.add(value);
        }

        @Override
        public boolean contains(Object value) {
            return base.contains(value) || added.contains(value);
        }

        @Override
        public Iterator<String> iterator() {
            return Stream.concat(base.stream(), added.stream()).iterator();
        }

        @Override
        public int size() {
            return base.size() + added.size();
        }

        void keep() {
            base.addAll(added);
        }
    }
}
