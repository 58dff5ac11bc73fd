package org.dvcsconnector.refapp.simulator.bench;

/** Where a client thread goes next; {@code carried} is the {@code next} link of its last page (null: none). */
interface PageSource {
    String next(String carried);
}
