package org.dvcsconnector.spi;

/** Work done inside a transaction (SAL {@code com.atlassian.sal.api.transaction.TransactionCallback}, same method). */
@FunctionalInterface
public interface TransactionCallback<T> {
    T doInTransaction();
}
