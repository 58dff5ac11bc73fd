package org.dvcsconnector.spi;

/**
 * JDBC access to the host database (SAL {@code com.atlassian.sal.api.rdbms.TransactionalExecutorFactory}): for the
 * batch writes and set-based queries that the entity manager would do one row at a time. SAL's deprecated
 * no-argument {@code createExecutor()} (read-only) is left out: every caller says what it needs.
 */
public interface TransactionalExecutorFactory {

    /**
     * @param readOnly    the work only reads (a hint the host may use)
     * @param requiresNew the work must run in a transaction of its own, even inside another one
     */
    TransactionalExecutor createExecutor(boolean readOnly, boolean requiresNew);
}
