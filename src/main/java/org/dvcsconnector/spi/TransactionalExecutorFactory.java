package org.dvcsconnector.spi;

/**
 * JDBC access to the host database (SAL {@code com.atlassian.sal.api.rdbms.TransactionalExecutorFactory}): for the
 * batch writes and set-based queries that the entity manager would do one row at a time.
 */
public interface TransactionalExecutorFactory {

    /** A read-write executor that joins the thread's transaction, if any. */
    TransactionalExecutor createExecutor();

    /**
     * @param readOnly    the work only reads (a hint the host may use)
     * @param requiresNew the work must run in a transaction of its own, even inside another one
     */
    TransactionalExecutor createExecutor(boolean readOnly, boolean requiresNew);
}
