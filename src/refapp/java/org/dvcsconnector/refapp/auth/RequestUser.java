package org.dvcsconnector.refapp.auth;

import java.util.Optional;

/**
 * The user the current request (or job) acts as. Set by the authentication filter for the duration of a
 * request and read by the spi {@code UserManager}; never outlives the request.
 */
public final class RequestUser {

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private RequestUser() {}

    public static Optional<String> username() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Runs {@code work} as {@code username} ({@code null} for anonymous), restoring the previous user after. */
    public static <T, E extends Exception> T runAs(String username, ThrowingSupplier<T, E> work) throws E {
        String previous = CURRENT.get();
        CURRENT.set(username);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    @FunctionalInterface
    public interface ThrowingSupplier<T, E extends Exception> {
        T get() throws E;
    }
}
