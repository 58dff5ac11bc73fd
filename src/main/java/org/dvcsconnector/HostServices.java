package org.dvcsconnector;

/** Looks up the host's spi services. */
@FunctionalInterface
public interface HostServices {
    <T> T get(Class<T> type);
}
