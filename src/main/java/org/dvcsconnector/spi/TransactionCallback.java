package org.dvcsconnector.spi;

/** Work done inside a transaction. */
@FunctionalInterface
public interface TransactionCallback<T> {
    T doInTransaction();
}
