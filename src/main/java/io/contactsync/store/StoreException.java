package io.contactsync.store;

import java.sql.SQLException;

/** The state store could not do what was asked; nothing was committed. */
public class StoreException extends RuntimeException {

    public StoreException(SQLException cause) {
        super("state store error: " + cause.getMessage(), cause);
    }
}
