package org.dvcsconnector.spi;

/** A unit of work on the host database (SAL {@code TransactionTemplate}); nested calls join the outer one. */
public interface TransactionTemplate {
    <T> T execute(TransactionCallback<T> callback);
}
