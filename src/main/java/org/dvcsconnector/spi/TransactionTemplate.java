package org.dvcsconnector.spi;

/**
 * A unit of work on the host database (SAL {@code com.atlassian.sal.api.transaction.TransactionTemplate}, same method);
 * nested calls join the outer one.
 */
public interface TransactionTemplate {
    <T> T execute(TransactionCallback<T> callback);
}
