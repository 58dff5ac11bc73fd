package org.dvcsconnector.refapp.plugin;

import jakarta.servlet.ServletException;
import java.io.IOException;

/**
 * Runs work with a given thread context class loader and restores the previous one: plugin code runs
 * with its own loader (as in Atlassian's host), host libraries such as Jersey with the host's.
 */
public final class ContextClassLoader {

    private ContextClassLoader() {}

    /** Work that may throw the checked exceptions of its caller. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    /** A servlet call: it may throw both of the servlet API's checked exceptions. */
    @FunctionalInterface
    public interface ServletWork {
        void run() throws ServletException, IOException;
    }

    public static void withServlet(ClassLoader loader, ServletWork work) throws ServletException, IOException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            work.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    public static <T, E extends Exception> T with(ClassLoader loader, Work<T, E> work) throws E {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return work.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
